package io.github.javaopenai.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InterruptibleBodyTest {

    /** Records what the body asks of the client. */
    private static final class Recording implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static List<ByteBuffer> bytes(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void asksForOneListAtATimeAsTheReaderTakesThem() throws IOException {
        InterruptibleBody body = new InterruptibleBody();
        Recording subscription = new Recording();
        body.onSubscribe(subscription);
        assertThat(subscription.requested).hasValue(1);
        body.onNext(bytes("ab"));
        assertThat(subscription.requested).hasValue(1); // nothing more until the reader takes it
        assertThat(body.read()).isEqualTo('a');
        assertThat(subscription.requested).hasValue(2);
        body.onNext(bytes("c"));
        body.onComplete();
        assertThat(body.readAllBytes()).asString().isEqualTo("bc");
        assertThat(body.read()).isEqualTo(-1);
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void interruptedReaderCancelsTheExchangeAndKeepsItsFlag() {
        InterruptibleBody body = new InterruptibleBody();
        Recording subscription = new Recording();
        body.onSubscribe(subscription);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(body::read).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(subscription.cancelled).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void closeFromAnotherThreadWakesAWaitingReader() throws Exception {
        InterruptibleBody body = new InterruptibleBody();
        Recording subscription = new Recording();
        body.onSubscribe(subscription);
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                body.read();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(100);
        body.close();
        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessage("closed");
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void failureFromTheClientReachesTheReader() {
        InterruptibleBody body = new InterruptibleBody();
        body.onSubscribe(new Recording());
        body.onError(new IOException("connection reset"));
        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("connection reset");
    }
}
