package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.transport.Headers;
import java.util.Objects;

/**
 * Signals that the server answered with an error status: the base of the exceptions split by
 * status.
 *
 * <p>It carries everything the server said: the status, the API error's {@code type},
 * {@code code}, {@code message} and {@code param} (each null when absent), the request id, the
 * headers and the raw body. The message reads like lua-openai's: {@code Bad status: 400: <message>
 * (<code>)}; when the body is not JSON (an HTML page from a proxy), the message shows the start of
 * its text with tags stripped instead. Use {@link #from(ApiResponse)} to get the subclass that
 * matches the status.
 *
 * @since 0.1
 */
public class ApiException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    /** How much of a non-JSON error body the message shows. */
    private static final int TEXT_LIMIT = 200;

    private final int status;
    private final transient ApiError error;
    private final String requestId;
    private final transient Headers headers;
    private final String rawBody;

    /** Creates an exception describing the given error response. */
    public ApiException(ApiResponse response) {
        this(response, ApiError.of(Objects.requireNonNull(response, "response == null").body()));
    }

    private ApiException(ApiResponse response, ApiError error) {
        this(response, error, message(response, error));
    }

    /** Creates an exception describing the given error response, with a message of the caller's. */
    protected ApiException(ApiResponse response, String message) {
        this(response, ApiError.of(Objects.requireNonNull(response, "response == null").body()), message);
    }

    private ApiException(ApiResponse response, ApiError error, String message) {
        super(message);
        this.status = response.status();
        this.error = error;
        this.requestId = response.requestId();
        this.headers = response.headers();
        this.rawBody = response.bodyText();
    }

    /**
     * Returns the exception for the response's status: {@link BadRequestException} for 400,
     * {@link AuthenticationException} for 401, {@link PermissionDeniedException} for 403,
     * {@link NotFoundException} for 404, {@link ConflictException} for 409,
     * {@link UnprocessableEntityException} for 422, {@link RateLimitException} for 429,
     * {@link InternalServerException} for 5xx, and a plain {@code ApiException} otherwise.
     */
    public static ApiException from(ApiResponse response) {
        Objects.requireNonNull(response, "response == null");
        int status = response.status();
        if (status >= 500) {
            return new InternalServerException(response);
        }
        return switch (status) {
            case 400 -> new BadRequestException(response);
            case 401 -> new AuthenticationException(response);
            case 403 -> new PermissionDeniedException(response);
            case 404 -> new NotFoundException(response);
            case 409 -> new ConflictException(response);
            case 422 -> new UnprocessableEntityException(response);
            case 429 -> new RateLimitException(response);
            default -> new ApiException(response);
        };
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the API error's {@code type}, or null when the body has none. */
    public String type() {
        return error == null ? null : error.type();
    }

    /** Returns the API error's {@code code} as text, or null when the body has none. */
    public String code() {
        return error == null ? null : error.code();
    }

    /** Returns the API error's own {@code message}, or null when the body has none. */
    public String errorMessage() {
        return error == null ? null : error.message();
    }

    /** Returns the API error's {@code param}, the request field at fault, or null. */
    public String param() {
        return error == null ? null : error.param();
    }

    /** Returns the server's request id ({@code x-request-id}), or null when it sent none. */
    public String requestId() {
        return requestId;
    }

    /** Returns the response headers. */
    public Headers headers() {
        return headers;
    }

    /** Returns the response body as the server sent it (its JSON form when it was JSON). */
    public String rawBody() {
        return rawBody;
    }

    private static String message(ApiResponse response, ApiError error) {
        String prefix = "Bad status: " + response.status();
        if (error != null) {
            if (error.message() == null) {
                return prefix;
            }
            return prefix + ": " + error.message() + (error.code() == null ? "" : " (" + error.code() + ")");
        }
        JsonNode body = response.body();
        if (body.isTextual() && !body.textValue().isBlank()) {
            return prefix + ": " + readable(body.textValue());
        }
        return prefix;
    }

    /** Returns the start of a text body, without markup and with runs of white space joined. */
    static String readable(String text) {
        String plain = text.replaceAll("(?s)<(script|style)\\b.*?</\\1\\s*>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .trim();
        return plain.length() > TEXT_LIMIT ? plain.substring(0, TEXT_LIMIT) + "..." : plain;
    }
}
