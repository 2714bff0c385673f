package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.endpoints.Batches;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SteadyMockServer.class)
class BatchesContractTest {

    private SteadyClient steady;
    private Batches batches;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        batches = steady.client().batches();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void createsABatchWithMetadata() {
        batches.create("file-abc123", "/v1/chat/completions", Map.of("metadata", Map.of("job", "nightly")));

        steady.assertLastValid("/batches");
    }

    @Test
    void getsABatch() {
        batches.get("batch_abc123");

        steady.assertLastValid("/batches/{batch_id}");
    }

    @Test
    void listsBatchesAfterACursor() {
        batches.list(Map.of("after", "batch_abc123", "limit", 10));

        steady.assertLastValid("/batches");
        assertThat(steady.last().request().uri().getRawQuery().split("&"))
                .containsExactlyInAnyOrder("after=batch_abc123", "limit=10");
    }

    @Test
    void iteratesTheFirstPage() {
        batches.iterate(Map.of("limit", 5)).iterator().hasNext();

        steady.assertLastValid("/batches");
    }

    @Test
    void cancelsABatch() {
        batches.cancel("batch_abc123");

        steady.assertLastValid("/batches/{batch_id}/cancel");
    }
}
