package io.github.javaopenai.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void looksUpNamesWithoutRegardToCase() {
        Headers headers = Headers.of(Map.of("Content-Type", List.of("application/json")));
        assertThat(headers.first("content-type")).hasValue("application/json");
        assertThat(headers.all("CONTENT-TYPE")).containsExactly("application/json");
        assertThat(headers.first("missing")).isEmpty();
    }

    @Test
    void withReplacesEveryEarlierValueWhateverItsCase() {
        Headers headers = Headers.ofSingle(Map.of("accept", "application/json")).with("Accept", "text/event-stream");
        assertThat(headers.all("accept")).containsExactly("text/event-stream");
        assertThat(headers.toMap()).hasSize(1);
        assertThat(headers.without("ACCEPT").contains("accept")).isFalse();
    }

    @Test
    void toStringRedactsCredentials() {
        Headers headers = Headers.ofSingle(Map.of("Authorization", "Bearer sk-secret", "api-key", "az-secret",
                "X-Goog-Api-Key", "g-secret", "Accept", "application/json"));
        assertThat(headers.toString())
                .doesNotContain("sk-secret", "az-secret", "g-secret")
                .contains("Authorization=<redacted>", "Accept=application/json");
    }

    @Test
    void toStringRedactsAnyHeaderThatLooksLikeACredential() {
        Headers headers = Headers.ofSingle(Map.of("X-Portkey-Api-Key", "pk-secret", "X-Session-Token", "tok-secret",
                "X-Custom-Auth", "au-secret", "x-ratelimit-remaining-tokens", "99"));
        assertThat(headers.toString())
                .doesNotContain("pk-secret", "tok-secret", "au-secret")
                .contains("x-ratelimit-remaining-tokens=99");
    }

    @Test
    void ignoresTheNullNameSomeJdksUseForTheStatusLine() {
        Map<String, List<String>> raw = new java.util.HashMap<>();
        raw.put(null, List.of("HTTP/1.1 200 OK"));
        raw.put("x-request-id", List.of("r1"));
        assertThat(Headers.of(raw).toMap()).containsOnlyKeys("x-request-id");
    }
}
