package io.github.javaopenai.testkit.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Holds one request as the fault server read it.
 *
 * @param method the HTTP method
 * @param target the request target: path and query
 * @param headers the header fields, names in lower case
 * @param body the body bytes (empty when there was none)
 * @param receivedNanos when the request head arrived, from {@link System#nanoTime()}
 * @since 0.1
 */
public record FaultRequest(String method, String target, Map<String, List<String>> headers, byte[] body,
        long receivedNanos) {

    /** Copies the headers so the record stays unchanged. */
    public FaultRequest {
        headers = Map.copyOf(headers);
    }

    /** Returns the first value of the named header, looked up without regard to case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns the method and target; headers are left out since they may carry a key. */
    @Override
    public String toString() {
        return method + " " + target + " (" + body.length + " bytes)";
    }
}
