package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;
import java.util.Objects;

/**
 * Signals that the server answered with an error status: the base of the exceptions split by
 * status, and the one exception for an error status whichever call met it (a plain call's
 * {@code orThrow()}, a stream, a session, a download, a page, an upload or a batch job step).
 *
 * <p>It carries everything the server said: the status, the API error's {@code type},
 * {@code code}, {@code message} and {@code param} (each null when absent), the request id, the
 * headers and the body. The message reads like lua-openai's: {@code Bad status: 400: <message>
 * (<code>)}; when the body is not JSON (an HTML page from a proxy), the message shows the start of
 * its text with tags stripped instead. Use {@link #from(int, Headers, JsonNode)} to get the
 * subclass that matches the status.
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
    private final transient JsonNode body;

    /**
     * Creates an exception for an error answer with the given message; {@link #from} picks the
     * subclass for the status and writes the message.
     */
    public ApiException(String message, int status, Headers headers, JsonNode body) {
        super(message);
        this.status = status;
        this.body = Objects.requireNonNull(body, "body == null");
        this.headers = Objects.requireNonNull(headers, "headers == null");
        this.error = ApiError.of(body);
        this.requestId = headers.first("x-request-id").orElse(null);
    }

    /**
     * Returns the exception for the status: {@link BadRequestException} for 400,
     * {@link AuthenticationException} for 401, {@link PermissionDeniedException} for 403,
     * {@link NotFoundException} for 404, {@link ConflictException} for 409,
     * {@link UnprocessableEntityException} for 422, {@link RateLimitException} for 429,
     * {@link InternalServerException} for 5xx, and a plain {@code ApiException} otherwise.
     *
     * @param body the decoded body: its JSON value, or the raw text as a string node
     */
    public static ApiException from(int status, Headers headers, JsonNode body) {
        return of(message(status, Objects.requireNonNull(body, "body == null")), status, headers, body);
    }

    /**
     * Returns the exception for the status, as {@link #from(int, Headers, JsonNode)} does, with a
     * message naming the request that failed, such as {@code GET /files/file-1/content}.
     */
    public static ApiException from(String request, int status, Headers headers, JsonNode body) {
        Objects.requireNonNull(request, "request == null");
        String requestId = headers.first("x-request-id").orElse(null);
        return of(request + " failed with status " + status + ": " + describe(body)
                + (requestId == null ? "" : " (request id " + requestId + ")"), status, headers, body);
    }

    /** Returns the exception for the status, as {@link #from(int, Headers, JsonNode)} does, with the given message. */
    public static ApiException of(String message, int status, Headers headers, JsonNode body) {
        if (status >= 500) {
            return new InternalServerException(message, status, headers, body);
        }
        return switch (status) {
            case 400 -> new BadRequestException(message, status, headers, body);
            case 401 -> new AuthenticationException(message, status, headers, body);
            case 403 -> new PermissionDeniedException(message, status, headers, body);
            case 404 -> new NotFoundException(message, status, headers, body);
            case 409 -> new ConflictException(message, status, headers, body);
            case 422 -> new UnprocessableEntityException(message, status, headers, body);
            case 429 -> new RateLimitException(message, status, headers, body);
            default -> new ApiException(message, status, headers, body);
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

    /** Returns the decoded response body: its JSON value, or the raw text as a string node. */
    public JsonNode body() {
        return body;
    }

    /** Returns the response body as the server sent it (its JSON form when it was JSON). */
    public String rawBody() {
        return body.isTextual() ? body.textValue() : body.toString();
    }

    private static String message(int status, JsonNode body) {
        ApiError error = ApiError.of(body);
        String prefix = "Bad status: " + status;
        if (error != null) {
            if (error.message() == null) {
                return prefix;
            }
            return prefix + ": " + error.message() + (error.code() == null ? "" : " (" + error.code() + ")");
        }
        if (body.isTextual() && !body.textValue().isBlank()) {
            return prefix + ": " + readable(body.textValue());
        }
        return prefix;
    }

    /** Returns the API error's message, or the start of the body when it has none. */
    private static String describe(JsonNode body) {
        JsonNode message = body.path("error").path("message");
        if (message.isTextual()) {
            return message.textValue();
        }
        String text = body.isTextual() ? body.textValue() : body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
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
