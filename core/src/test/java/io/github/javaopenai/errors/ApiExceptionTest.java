package io.github.javaopenai.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiExceptionTest {

    private static ApiException from(ApiResponse response) {
        return ApiException.from(response.status(), response.headers(), response.body());
    }

    private static ApiResponse response(int status, String body) {
        return response(status, body, Headers.empty());
    }

    private static ApiResponse response(int status, String body, Headers headers) {
        return new ApiResponse(status, Json.decodeBody(body.getBytes(StandardCharsets.UTF_8)), headers);
    }

    @ParameterizedTest
    @CsvSource({
        "400, BadRequestException", "401, AuthenticationException", "403, PermissionDeniedException",
        "404, NotFoundException", "409, ConflictException", "422, UnprocessableEntityException",
        "429, RateLimitException", "500, InternalServerException", "502, InternalServerException",
        "503, InternalServerException", "418, ApiException", "302, ApiException"})
    void fromPicksTheSubclassForTheStatus(int status, String simpleName) {
        ApiException e = from(response(status, "{}"));
        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.status()).isEqualTo(status);
    }

    @Test
    void carriesEveryFieldOfTheApiErrorTheRequestIdHeadersAndRawBody() {
        String body = "{\"error\":{\"message\":\"Invalid value\",\"type\":\"invalid_request_error\","
                + "\"param\":\"temperature\",\"code\":\"invalid_value\"}}";
        Headers headers = Headers.ofSingle(Map.of("x-request-id", "req_9", "X-Other", "o"));
        ApiException e = from(response(400, body, headers));
        assertThat(e.getMessage()).isEqualTo("Bad status: 400: Invalid value (invalid_value)");
        assertThat(e.errorMessage()).isEqualTo("Invalid value");
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.param()).isEqualTo("temperature");
        assertThat(e.code()).isEqualTo("invalid_value");
        assertThat(e.requestId()).isEqualTo("req_9");
        assertThat(e.headers().first("x-other")).hasValue("o");
        assertThat(e.rawBody()).isEqualTo(body);
    }

    @Test
    void messageLeavesOutANullCodeLikeLua() {
        ApiException e = from(response(429, "{\"error\":{\"message\":\"Slow down\",\"code\":null}}"));
        assertThat(e.getMessage()).isEqualTo("Bad status: 429: Slow down");
        assertThat(e.code()).isNull();
    }

    @Test
    void codeWithoutAMessageGivesThePlainStatusLikeLua() {
        ApiException e = from(response(404, "{\"error\":{\"code\":\"gone\"}}"));
        assertThat(e.getMessage()).isEqualTo("Bad status: 404");
        assertThat(e.code()).isEqualTo("gone");
    }

    @Test
    void jsonWithoutAnErrorObjectGivesThePlainStatus() {
        assertThat(from(response(500, "{\"detail\":\"x\"}")).getMessage()).isEqualTo("Bad status: 500");
        assertThat(from(response(500, "")).getMessage()).isEqualTo("Bad status: 500");
    }

    @Test
    void numericCodeIsReadAsText() {
        ApiException e = from(response(400, "{\"error\":{\"message\":\"m\",\"code\":400}}"));
        assertThat(e.getMessage()).isEqualTo("Bad status: 400: m (400)");
    }

    @Test
    void errorWrappedInAnArrayIsReadToo() {
        ApiException e = from(response(400,
                "[{\"error\":{\"code\":400,\"message\":\"API key not valid\",\"status\":\"INVALID_ARGUMENT\"}}]"));
        assertThat(e.errorMessage()).isEqualTo("API key not valid");
    }

    @Test
    void htmlErrorPageGivesAReadableMessageNotAParseError() {
        String html = "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>"
                + "<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center></body></html>";
        ApiException e = from(response(502, html));
        assertThat(e).isInstanceOf(InternalServerException.class);
        assertThat(e.getMessage()).isEqualTo("Bad status: 502: 502 Bad Gateway 502 Bad Gateway nginx");
        assertThat(e.rawBody()).isEqualTo(html);
        assertThat(e.errorMessage()).isNull();
    }

    @Test
    void longTextBodyIsTrimmedInTheMessageButKeptWholeInTheRawBody() {
        String text = "x".repeat(5000);
        ApiException e = from(response(503, text));
        assertThat(e.getMessage()).hasSize("Bad status: 503: ".length() + 200 + 3).endsWith("...");
        assertThat(e.rawBody()).hasSize(5000);
    }

    @Test
    void orThrowReturnsTheResponseOnSuccessAndThrowsOtherwise() {
        ApiResponse ok = response(201, "{\"id\":\"x\"}");
        assertThat(ok.orThrow()).isSameAs(ok);
        assertThatThrownBy(() -> response(401, "{\"error\":{\"message\":\"Incorrect API key\"}}").orThrow())
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("Bad status: 401: Incorrect API key");
    }
}
