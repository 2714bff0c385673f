package io.github.javaopenai.internal.engine;

import io.github.javaopenai.transport.Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final RetryPolicy policy = RetryPolicy.of(2);

    private static Headers headers(String name, String value) {
        return Headers.ofSingle(Map.of(name, value));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 599})
    void retriesTimeoutsConflictsRateLimitsAndServerErrors(int status) {
        assertThat(RetryPolicy.isRetryable(status, Headers.empty())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 403, 404, 422})
    void doesNotRetryOtherStatuses(int status) {
        assertThat(RetryPolicy.isRetryable(status, Headers.empty())).isFalse();
    }

    @Test
    void serverHeaderXShouldRetryWinsBothWays() {
        assertThat(RetryPolicy.isRetryable(503, headers("x-should-retry", "false"))).isFalse();
        assertThat(RetryPolicy.isRetryable(400, headers("X-Should-Retry", "true"))).isTrue();
    }

    @Test
    void retriesIoFailuresAndTimeoutsButNotAnInterrupt() {
        assertThat(RetryPolicy.isRetryable(new ConnectException("refused"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new IOException("reset"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new HttpTimeoutException("slow"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new HttpConnectTimeoutException("slow"))).isTrue();
        assertThat(RetryPolicy.isRetryable(new InterruptedIOException("stop"))).isFalse();
    }

    @Test
    void socketTimeoutsFromOtherTransportsAreRetriedAndReportedAsTimeouts() {
        var timeout = new java.net.SocketTimeoutException("Read timed out");
        assertThat(RetryPolicy.isRetryable(timeout)).isTrue();
        assertThat(Requester.failure(java.net.URI.create("http://127.0.0.1:9/v1"), timeout))
                .isInstanceOf(io.github.javaopenai.errors.ApiTimeoutException.class);
    }

    @Test
    void backoffDoublesFromHalfASecondToEightSeconds() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> policy.delay(n, null, NOW, 0).toMillis()))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L);
    }

    @Test
    void jitterTakesOffUpToAQuarter() {
        assertThat(policy.delay(1, null, NOW, 0.999).toMillis()).isEqualTo(375L);
        assertThat(policy.delay(5, null, NOW, 0.5).toMillis()).isEqualTo(7000L);
        assertThat(policy.delay(1000, null, NOW, 0).toMillis()).isEqualTo(8000L);
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        Headers both = Headers.ofSingle(Map.of("retry-after-ms", "250", "retry-after", "7"));
        assertThat(policy.delay(1, both, NOW, 0.9)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retryAfterInSecondsMayBeFractional() {
        assertThat(policy.delay(1, headers("Retry-After", "3"), NOW, 0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, headers("Retry-After", "1.5"), NOW, 0)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromNow() {
        Headers date = headers("Retry-After", "Sun, 01 Jun 2025 12:00:05 GMT");
        assertThat(policy.delay(1, date, NOW, 0)).isEqualTo(Duration.ofSeconds(5));
        Headers past = headers("Retry-After", "Sun, 01 Jun 2025 11:00:00 GMT");
        assertThat(policy.delay(1, past, NOW, 0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIsCappedAtSixtySeconds() {
        assertThat(policy.delay(1, headers("retry-after", "3600"), NOW, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delay(1, headers("retry-after-ms", "1e12"), NOW, 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void unreadableRetryAfterFallsBackToBackoff() {
        assertThat(policy.delay(2, headers("retry-after", "soon"), NOW, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, headers("retry-after", "-4"), NOW, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, headers("retry-after-ms", "NaN"), NOW, 0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void negativeRetryCountIsRejectedNamingIt() {
        assertThatThrownBy(() -> RetryPolicy.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must not be negative: -1");
    }
}
