package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SteadyMockServer.class)
class SteadyMockServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(TIMEOUT)
            .build();

    @Test
    void servesOnLoopbackWithoutVersionPrefix(SteadyMockServer steady) {
        URI baseUrl = steady.baseUrl();

        assertThat(baseUrl.getScheme()).isEqualTo("http");
        assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
        assertThat(baseUrl.getPort()).isPositive();
        assertThat(baseUrl.getPath()).isEmpty();
        assertThat(steady.uri("/models")).isEqualTo(URI.create(baseUrl + "/models"));
    }

    @Test
    void healthEndpointAnswers(SteadyMockServer steady) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(steady.uri("/_x-steady/health")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\":\"healthy\"")
                .contains("\"version\":\"" + SteadySettings.VERSION + "\"");
    }

    @Test
    void acceptsListModelsAsSpecPathModels(SteadyMockServer steady) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(steady.uri("/models"))
                .header("Authorization", "Bearer sk-test"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Steady-Request-Valid")).hasValue("true");
        assertThat(response.headers().firstValue("X-Steady-Matched-Path")).hasValue("/models");
        assertThat(response.body()).contains("\"object\": \"list\"");
        SteadyAssertions.assertValid(response, "/models");
    }

    @Test
    void rejectsChatCompletionWithoutMessages(SteadyMockServer steady) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(steady.uri("/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\"}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Steady-Request-Valid")).hasValue("false");
        assertThat(response.headers().firstValue("X-Steady-Error-Count")).hasValue("1");
        assertThat(response.headers().firstValue("X-Steady-Error-1-Code")).hasValue("E3007");
        assertThat(response.headers().firstValue("X-Steady-Error-1-Path")).hasValue("body");
        assertThat(response.headers().firstValue("X-Steady-Error-1-Message"))
                .hasValue("Missing required property: messages");
        SteadyAssertions.assertRejected(
                response.statusCode(), response.headers().map(), "E3007");
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
