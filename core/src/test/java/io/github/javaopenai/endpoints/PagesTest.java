package io.github.javaopenai.endpoints;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagesTest {

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<String> ids(Pages pages) {
        return pages.stream().map(item -> item.path("id").asText()).toList();
    }

    @Test
    void followsLastIdUntilHasMoreIsFalse() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"b1\"},{\"id\":\"b2\"}],\"last_id\":\"b2\",\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"b3\"}],\"last_id\":\"b3\",\"has_more\":false}");

        assertThat(ids(client.batches().iterate(Map.of("limit", 2)))).containsExactly("b1", "b2", "b3");

        assertThat(server.take().query()).isEqualTo("limit=2");
        assertThat(server.take().query()).isEqualTo("limit=2&after=b2");
        assertThat(server.received()).isZero();
    }

    @Test
    void usesTheLastItemsIdWhenThereIsNoLastId() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"i1\"}],\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"i2\"}],\"has_more\":false}");

        assertThat(ids(client.conversations().iterateItems("conv_1", Map.of()))).containsExactly("i1", "i2");

        assertThat(server.take().path()).isEqualTo("/v1/conversations/conv_1/items");
        assertThat(server.take().query()).isEqualTo("after=i1");
    }

    @Test
    void startsAfterTheCursorTheCallerGives() throws Exception {
        server.replyJson(200, "{\"data\":[],\"has_more\":false}");

        assertThat(ids(client.files().iterate(Map.of("after", "file-9", "purpose", "batch")))).isEmpty();

        assertThat(server.take().query()).isEqualTo("purpose=batch&after=file-9");
    }

    @Test
    void fetchesNothingUntilAskedAndOnlyThePagesNeeded() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"has_more\":true}");
        Iterator<JsonNode> items = client.inputItems("resp_1").iterate(Map.of()).iterator();
        assertThat(server.received()).isZero();

        assertThat(items.next().path("id").asText()).isEqualTo("a");

        assertThat(server.take().path()).isEqualTo("/v1/responses/resp_1/input_items");
        assertThat(server.received()).isZero();
    }

    @Test
    void stopsWhenTheCursorWouldNotMove() {
        server.replyJson(200, "{\"data\":[{\"id\":\"same\"}],\"last_id\":\"same\",\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"same\"}],\"last_id\":\"same\",\"has_more\":true}");

        assertThat(ids(client.batches().iterate(Map.of()))).containsExactly("same", "same");
    }

    @Test
    void raisesTheStatusOfAFailedPage() {
        server.replyJson(200, "{\"data\":[{\"id\":\"a\"}],\"has_more\":true}")
                .replyJson(500, "{\"error\":{\"message\":\"boom\"}}");
        Iterator<JsonNode> items = client.batches().iterate(Map.of()).iterator();
        items.next();

        assertThatThrownBy(items::hasNext).isInstanceOf(ApiException.class)
                .hasMessage("GET /batches failed with status 500: boom")
                .extracting(e -> ((ApiException) e).status()).isEqualTo(500);
    }

    @Test
    void rejectsAQueryValueItCannotEncodeBeforeSending() {
        assertThatThrownBy(() -> client.batches().iterate(Map.of("limit", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query parameter \"limit\"");
        assertThat(server.received()).isZero();
    }

    @Test
    void pagesAnyEndpointThroughOf() {
        server.replyJson(200, "{\"data\":[{\"id\":\"vs_1\"}],\"has_more\":false}");

        Pages stores = Pages.of("GET /vector_stores", after -> client.request("GET", "/vector_stores", null));

        assertThat(ids(stores)).containsExactly("vs_1");
    }
}
