package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SteadyAssertionsTest {
    private static final Map<String, List<String>> VALID = Map.of(
            "x-steady-request-valid", List.of("true"),
            "x-steady-error-count", List.of("0"),
            "x-steady-matched-path", List.of("/models"));

    private static final Map<String, List<String>> MISSING_MESSAGES = Map.of(
            "x-steady-request-valid", List.of("false"),
            "x-steady-error-count", List.of("1"),
            "x-steady-error-1-code", List.of("E3007"),
            "x-steady-error-1-path", List.of("body"),
            "x-steady-error-1-message", List.of("Missing required property: messages"));

    private static final Map<String, List<String>> NULL_USER = Map.of(
            "X-Steady-Request-Valid", List.of("true"),
            "X-Steady-Error-Count", List.of("1"),
            "X-Steady-Error-1-Code", List.of("E5001"),
            "X-Steady-Error-1-Path", List.of("body.user"),
            "X-Steady-Error-1-Message", List.of("Expected type string, got null"),
            "X-Steady-Matched-Path", List.of("/chat/completions"));

    @Test
    void acceptsValidRequestToExpectedPath() {
        assertThatCode(() -> SteadyAssertions.assertValid(200, VALID, "/models"))
                .doesNotThrowAnyException();
    }

    @Test
    void reportsDiagnosticsOfRejectedRequest() {
        assertThatThrownBy(() -> SteadyAssertions.assertValid(400, MISSING_MESSAGES, "/chat/completions"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("got status 400")
                .hasMessageContaining("X-Steady-Request-Valid: false")
                .hasMessageContaining("X-Steady-Matched-Path: (absent)")
                .hasMessageContaining("E3007 at body: Missing required property: messages");
    }

    @Test
    void treatsWarningsOnValidRequestAsFailure() {
        assertThatThrownBy(() -> SteadyAssertions.assertValid(200, NULL_USER, "/chat/completions"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("E5001 at body.user: Expected type string, got null");
    }

    @Test
    void reportsUnexpectedMatchedPath() {
        assertThatThrownBy(() -> SteadyAssertions.assertValid(200, VALID, "/models/{model}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a valid request to /models/{model}")
                .hasMessageContaining("X-Steady-Matched-Path: /models");
    }

    @Test
    void rejectsResponseWithoutSteadyHeaders() {
        assertThatThrownBy(() -> SteadyAssertions.assertValid(200, Map.of(), "/models"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("X-Steady-Request-Valid: (absent)");
    }

    @Test
    void assertRejectedMatchesDiagnosticCode() {
        assertThatCode(() -> SteadyAssertions.assertRejected(400, MISSING_MESSAGES, "E3007"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SteadyAssertions.assertRejected(400, MISSING_MESSAGES, "E3008"))
                .hasMessageContaining("expected a 400 rejection with E3008");
        assertThatThrownBy(() -> SteadyAssertions.assertRejected(200, VALID, "E3007"))
                .hasMessageContaining("got status 200");
    }

    @Test
    void listsDiagnosticsInOrder() {
        Map<String, List<String>> headers = Map.of(
                "x-steady-error-count", List.of("2"),
                "x-steady-error-1-code", List.of("E3021"),
                "x-steady-error-1-path", List.of("body"),
                "x-steady-error-1-message", List.of("Invalid application/json format"),
                "x-steady-error-2-code", List.of("E3005"),
                "x-steady-error-2-path", List.of("body"),
                "x-steady-error-2-message", List.of("Operation requires a request body"));

        assertThat(SteadyAssertions.diagnostics(headers)).containsExactly(
                "E3021 at body: Invalid application/json format",
                "E3005 at body: Operation requires a request body");
        assertThat(SteadyAssertions.diagnostics(Map.of())).isEmpty();
    }
}
