package io.github.javaopenai.contract;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assertions over the validation headers Steady adds to every answer, with its diagnostics
 * spelled out in the failure message.
 *
 * <p>Steady reports each problem as {@code X-Steady-Error-N-Code}, {@code -Path} and {@code
 * -Message} headers, counted by {@code X-Steady-Error-Count}. Header names are matched
 * ignoring case.
 */
public final class SteadyAssertions {
    private static final String VALID = "X-Steady-Request-Valid";
    private static final String MATCHED_PATH = "X-Steady-Matched-Path";
    private static final String ERROR_COUNT = "X-Steady-Error-Count";

    private SteadyAssertions() {}

    /**
     * Asserts that Steady accepted the request as {@code expectedSpecPath} (a spec path pattern
     * such as {@code /files/{file_id}}) with a 2xx status and no diagnostics at all.
     *
     * <p>This is stricter than {@code X-Steady-Request-Valid: true}, which Steady also sends with
     * warnings such as a null for a non-nullable field (E5001), an input matching no {@code
     * oneOf} variant (E3012) or an undocumented query parameter (E3015): a contract test controls
     * its request, so any diagnostic means the client and the spec disagree.
     */
    public static void assertValid(
            int status, Map<String, List<String>> headers, String expectedSpecPath) {
        List<String> diagnostics = diagnostics(headers);
        boolean valid = header(headers, VALID).filter("true"::equals).isPresent();
        Optional<String> matched = header(headers, MATCHED_PATH);
        if (!valid || !diagnostics.isEmpty() || status / 100 != 2
                || !matched.equals(Optional.of(expectedSpecPath))) {
            throw new AssertionError("expected a valid request to " + expectedSpecPath
                    + " but " + describe(status, headers, diagnostics));
        }
    }

    /** Asserts like {@link #assertValid(int, Map, String)} on a {@code java.net.http} response. */
    public static void assertValid(HttpResponse<?> response, String expectedSpecPath) {
        assertValid(response.statusCode(), response.headers().map(), expectedSpecPath);
    }

    /**
     * Asserts that Steady rejected the request with 400 and a diagnostic with {@code
     * expectedCode}, such as {@code E3007} for a missing required field.
     */
    public static void assertRejected(
            int status, Map<String, List<String>> headers, String expectedCode) {
        List<String> diagnostics = diagnostics(headers);
        boolean invalid = header(headers, VALID).filter("false"::equals).isPresent();
        boolean hasCode = diagnostics.stream().anyMatch(d -> d.startsWith(expectedCode + " "));
        if (!invalid || status != 400 || !hasCode) {
            throw new AssertionError("expected a 400 rejection with " + expectedCode
                    + " but " + describe(status, headers, diagnostics));
        }
    }

    /**
     * Returns Steady's diagnostics, one {@code "<code> at <path>: <message>"} line each, in
     * Steady's order; empty when it found nothing.
     */
    public static List<String> diagnostics(Map<String, List<String>> headers) {
        int count = header(headers, ERROR_COUNT).map(Integer::parseInt).orElse(0);
        List<String> diagnostics = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String prefix = "X-Steady-Error-" + n + "-";
            diagnostics.add(header(headers, prefix + "Code").orElse("?")
                    + " at " + header(headers, prefix + "Path").orElse("?")
                    + ": " + header(headers, prefix + "Message").orElse("?"));
        }
        return List.copyOf(diagnostics);
    }

    private static String describe(
            int status, Map<String, List<String>> headers, List<String> diagnostics) {
        StringBuilder text = new StringBuilder()
                .append("got status ").append(status)
                .append(", ").append(VALID).append(": ").append(header(headers, VALID).orElse("(absent)"))
                .append(", ").append(MATCHED_PATH).append(": ")
                .append(header(headers, MATCHED_PATH).orElse("(absent)"));
        if (diagnostics.isEmpty()) {
            return text.append(", no diagnostics").toString();
        }
        text.append(", ").append(diagnostics.size()).append(" diagnostic(s):");
        diagnostics.forEach(d -> text.append("\n  ").append(d));
        return text.toString();
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }
}
