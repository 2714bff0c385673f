package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.internal.Json;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A realtime session's server events as a {@link Flow.Publisher}: see
 * {@link RealtimeSession#eventPublisher()}. Built on the callback form: the session's event thread
 * delivers each event once the subscriber has asked for it, and waits, reading nothing more, while
 * it has not; the session's inbox then stops asking the WebSocket for messages once a few dozen
 * wait, so the server is held back by TCP. The session's heartbeat keeps pinging the server
 * meanwhile, so an idle subscriber does not let the connection go quiet.
 */
final class RealtimeEventPublisher implements Flow.Publisher<JsonNode> {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

    private final RealtimeSession session;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    RealtimeEventPublisher(RealtimeSession session) {
        this.session = session;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JsonNode> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber == null");
        if (!subscribed.compareAndSet(false, true)) {
            refuse(subscriber, new IllegalStateException("a realtime session's events have one subscriber"));
            return;
        }
        Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
        try {
            session.listen(delivery);
        } catch (IllegalStateException e) { // the events were pulled already
            delivery.cancelled = true;
            subscriber.onError(e);
        }
    }

    private static void refuse(Flow.Subscriber<? super JsonNode> subscriber, RuntimeException why) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(why);
    }

    /** The one subscription: a listener on the session's event thread that waits for demand. */
    private final class Delivery implements Flow.Subscription, RealtimeListener {
        private final Flow.Subscriber<? super JsonNode> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition asked = lock.newCondition();
        private long demand; // guarded by lock
        private volatile boolean cancelled;
        private volatile IllegalArgumentException badRequest;

        Delivery(Flow.Subscriber<? super JsonNode> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    badRequest = new IllegalArgumentException("non-positive subscription request (rule 3.9): " + n);
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                asked.signalAll();
            } finally {
                lock.unlock();
            }
            if (n <= 0) {
                session.close(); // ends the events: the event thread then signals the error
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                asked.signalAll();
            } finally {
                lock.unlock();
            }
            session.close();
        }

        @Override
        public void onEvent(JsonNode event) {
            deliver(event);
        }

        /** An {@code error} event goes on as an event: the session stays open, as in the other forms. */
        @Override
        public void onError(RealtimeErrorException error) {
            ObjectNode event = Json.object();
            event.put("type", "error");
            event.set("error", error.error());
            deliver(event);
        }

        @Override
        public void onClose(RuntimeException failure) {
            if (badRequest != null) {
                subscriber.onError(badRequest);
            } else if (cancelled) {
                return; // nothing after a cancel
            } else if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        private void deliver(JsonNode event) {
            if (!awaitDemand()) {
                return;
            }
            try {
                subscriber.onNext(event);
            } catch (RuntimeException e) {
                cancelled = true; // rule 2.13: a subscriber that throws is treated as having cancelled
                throw e; // the session closes
            }
        }

        /** Waits on the session's event thread until the subscriber asks for an event; false once it never will. */
        private boolean awaitDemand() {
            long slice = LONGEST_WAIT.toNanos();
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    asked.awaitNanos(slice); // the session's heartbeat pings meanwhile
                }
                if (cancelled || badRequest != null) {
                    return false;
                }
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                session.close();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }
}
