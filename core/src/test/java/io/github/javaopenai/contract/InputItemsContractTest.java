package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SteadyMockServer.class)
class InputItemsContractTest {

    private SteadyClient steady;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void listsInputItems() {
        steady.client().inputItems("resp_123").list();

        steady.assertLastValid("/responses/{response_id}/input_items");
    }

    @Test
    void listsWithAnIncludeArray() {
        steady.client().inputItems("resp_123").list(Map.of("limit", 5, "order", "desc",
                "include", List.of("message.input_image.image_url")));

        steady.assertLastValid("/responses/{response_id}/input_items");
        assertThat(steady.last().request().uri().getRawQuery())
                .contains("include%5B%5D=message.input_image.image_url");
    }

    @Test
    void iteratesTheFirstPage() {
        steady.client().inputItems("resp_123").iterate(Map.of()).iterator().hasNext();

        steady.assertLastValid("/responses/{response_id}/input_items");
    }
}
