package io.github.javaopenai.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.errors.WebhookVerificationException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a webhook request was signed with the endpoint's secret, following the Standard
 * Webhooks scheme OpenAI uses, and parses its event.
 *
 * <p>The sender signs {@code "<webhook-id>.<webhook-timestamp>.<raw body>"} with HMAC-SHA256 keyed by
 * the base64 part of the secret {@code whsec_...}, and sends {@code webhook-signature:
 * v1,<base64>} (several space-separated entries while a secret is being rotated). A request
 * passes when its timestamp is within the tolerance of now, in either direction, which stops
 * replays, and one {@code v1} entry equals the expected signature, compared in constant time.
 * Verify the body exactly as received: re-serialized JSON no longer matches.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(System.getenv("OPENAI_WEBHOOK_SECRET"));
 * WebhookEvent event = verifier.unwrap(rawBody, Headers.of(exchange.getRequestHeaders()));
 * if (event.type().equals("batch.completed")) { ... event.objectId() ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class WebhookVerifier {

    /** How far a timestamp may be from now unless configured otherwise: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(byte[] key, Duration tolerance, Clock clock) {
        this.key = key;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Returns a verifier for the endpoint's signing secret, with a 5 minute tolerance.
     *
     * @param secret {@code whsec_} followed by base64, as the dashboard shows it; the bare base64
     *     part is accepted too
     * @throws IllegalArgumentException when the secret is empty or its key part is not base64
     */
    public static WebhookVerifier of(String secret) {
        Objects.requireNonNull(secret, "secret == null");
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("webhook secret is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64", null);
        }
        return new WebhookVerifier(key, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * Returns a copy accepting timestamps this far from now. Default: 5 minutes; widen it only if
     * the receiving clock is known to drift, since a wider window admits older replays.
     */
    public WebhookVerifier withTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance == null");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
        }
        return new WebhookVerifier(key, tolerance, clock);
    }

    WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(key, tolerance, Objects.requireNonNull(clock, "clock == null"));
    }

    /**
     * Checks the request's signature and timestamp.
     *
     * @param body the raw request body, exactly as received
     * @param headers the request headers; names are matched without regard to case
     * @throws WebhookVerificationException when a header is missing or malformed, the timestamp is
     *     outside the tolerance, or no {@code v1} signature matches
     */
    public void verify(byte[] body, Headers headers) {
        Objects.requireNonNull(body, "body == null");
        Objects.requireNonNull(headers, "headers == null");
        String id = required(headers, "webhook-id");
        String timestamp = required(headers, "webhook-timestamp");
        String signatures = required(headers, "webhook-signature");
        checkTimestamp(timestamp);
        byte[] expected = hmac(id, timestamp, body);
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no webhook-signature entry matches the body; "
                + "check the secret and that the body is verified exactly as received");
    }

    /** Checks a request whose body is text, encoded as UTF-8; see {@link #verify(byte[], Headers)}. */
    public void verify(String body, Headers headers) {
        verify(Objects.requireNonNull(body, "body == null").getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Verifies the request, then parses its event.
     *
     * @throws WebhookVerificationException when verification fails
     * @throws OpenAIException when a verified body is not a JSON event with a {@code type}
     */
    public WebhookEvent unwrap(byte[] body, Headers headers) {
        verify(body, headers);
        JsonNode raw = Json.decodeBody(body);
        if (!raw.isObject() || !raw.path("type").isTextual()) {
            throw new OpenAIException("webhook body is not a JSON event with a \"type\"");
        }
        JsonNode id = raw.path("id");
        return new WebhookEvent(id.isTextual() ? id.textValue() : null, raw.path("type").textValue(),
                raw.path("created_at").asLong(0), raw.path("data"), raw);
    }

    /** Verifies a request whose body is text, then parses its event. */
    public WebhookEvent unwrap(String body, Headers headers) {
        return unwrap(Objects.requireNonNull(body, "body == null").getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Returns the {@code webhook-signature} value a sender with this secret puts on the body: for
     * testing webhook handlers without the real sender.
     */
    public String sign(String id, long timestamp, byte[] body) {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(body, "body == null");
        return "v1," + Base64.getEncoder().encodeToString(hmac(id, Long.toString(timestamp), body));
    }

    private void checkTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds: \"" + timestamp + "\"");
        }
        long now = clock.instant().getEpochSecond();
        if (now - seconds > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is too old: " + (now - seconds)
                    + " s ago, tolerance " + tolerance.toSeconds() + " s");
        }
        if (seconds - now > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is too far in the future: " + (seconds - now)
                    + " s ahead, tolerance " + tolerance.toSeconds() + " s");
        }
    }

    private byte[] hmac(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e); // every JDK has it
        }
    }

    private static String required(Headers headers, String name) {
        return headers.first(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new WebhookVerificationException("missing " + name + " header"));
    }

    @Override
    public String toString() {
        return "WebhookVerifier{secret=<redacted>, tolerance=" + tolerance + "}";
    }
}
