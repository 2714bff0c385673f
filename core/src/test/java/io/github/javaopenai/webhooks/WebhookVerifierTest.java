package io.github.javaopenai.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.errors.WebhookVerificationException;
import io.github.javaopenai.transport.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final byte[] KEY = "a-32-byte-secret-for-hmac-sha256".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final long NOW = 1_767_000_000L;
    private static final String BODY = """
            {"id":"evt_685343a1381c819085d44c354e1b330e","object":"event","created_at":1767000000,\
            "type":"batch.completed","data":{"id":"batch_abc123"}}""";

    private final WebhookVerifier verifier = WebhookVerifier.of(SECRET)
            .withClock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    /** Signs independently of the class under test, the way the Standard Webhooks spec describes. */
    private static String signature(String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    private static Headers headers(String id, long timestamp, String signature) {
        return Headers.ofSingle(Map.of("Webhook-Id", id, "Webhook-Timestamp", Long.toString(timestamp),
                "Webhook-Signature", signature));
    }

    @Test
    void acceptsAGoodSignatureAndParsesTheEvent() throws Exception {
        WebhookEvent event = verifier.unwrap(BODY, headers("wh_1", NOW, signature("wh_1", NOW, BODY)));

        assertThat(event.type()).isEqualTo("batch.completed");
        assertThat(event.id()).isEqualTo("evt_685343a1381c819085d44c354e1b330e");
        assertThat(event.createdAt()).isEqualTo(1_767_000_000L);
        assertThat(event.objectId()).isEqualTo("batch_abc123");
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() throws Exception {
        String rotated = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,zzz " + signature("wh_1", NOW, BODY);

        verifier.verify(BODY, headers("wh_1", NOW, rotated));
    }

    @Test
    void rejectsABadSignature() throws Exception {
        String forged = signature("wh_1", NOW, BODY.replace("batch_abc123", "batch_evil"));

        assertThatThrownBy(() -> verifier.verify(BODY, headers("wh_1", NOW, forged)))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("no webhook-signature entry matches");
    }

    @Test
    void rejectsASignatureForAnotherIdOrTimestamp() throws Exception {
        String signed = signature("wh_1", NOW, BODY);

        assertThatThrownBy(() -> verifier.verify(BODY, headers("wh_2", NOW, signed)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(BODY, headers("wh_1", NOW - 1, signed)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsAStaleTimestampEvenWithAGoodSignature() throws Exception {
        long stale = NOW - 301;

        assertThatThrownBy(() -> verifier.verify(BODY, headers("wh_1", stale, signature("wh_1", stale, BODY))))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("too old: 301 s ago, tolerance 300 s");
    }

    @Test
    void rejectsATimestampTooFarAhead() throws Exception {
        long ahead = NOW + 301;

        assertThatThrownBy(() -> verifier.verify(BODY, headers("wh_1", ahead, signature("wh_1", ahead, BODY))))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("too far in the future");
    }

    @Test
    void acceptsATimestampAtTheEdgeOfAWiderTolerance() throws Exception {
        long old = NOW - 600;

        verifier.withTolerance(Duration.ofMinutes(10)).verify(BODY, headers("wh_1", old, signature("wh_1", old, BODY)));
    }

    @Test
    void namesAMissingHeader() {
        Headers noSignature = Headers.ofSingle(Map.of("webhook-id", "wh_1", "webhook-timestamp", Long.toString(NOW)));

        assertThatThrownBy(() -> verifier.verify(BODY, noSignature))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("missing webhook-signature header");
    }

    @Test
    void signMatchesTheIndependentSignature() throws Exception {
        assertThat(verifier.sign("wh_9", NOW, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(signature("wh_9", NOW, BODY));
    }

    @Test
    void rejectsASecretThatIsNotBase64AndNeverShowsIt() {
        assertThatThrownBy(() -> WebhookVerifier.of("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not base64!");
        assertThat(verifier.toString()).doesNotContain(SECRET.substring(6)).contains("<redacted>");
    }
}
