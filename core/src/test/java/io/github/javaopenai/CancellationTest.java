package io.github.javaopenai;

import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.errors.ApiInterruptedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interrupting a thread, or cancelling its future, ends the call it is in: while it waits for the
 * answer, reads a body, or reads a stream with either form. The server stalls (or trickles bytes
 * that make no event) for far longer than the bound asserted here, so a swallowed interrupt shows
 * as a call that is still running seconds later.
 */
class CancellationTest {

    private static final List<Object> HI = List.of(Messages.user("hi"));
    /** How long every server here keeps an exchange going unless the client closes it. */
    private static final int STALL_MILLIS = 15_000;
    /** A generous bound for "within 100 ms": it catches "never" and "when the server gives up". */
    private static final Duration BOUND = Duration.ofSeconds(2);

    private HttpServer server;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private volatile Behaviour behaviour;
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch serverSawClose = new CountDownLatch(1);
    private OpenAI client;

    /** What the server does with an exchange; an IOException means the client closed it. */
    private interface Behaviour {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** How the caller is stopped. */
    enum Stop { THREAD_INTERRUPT, FUTURE_CANCEL }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requestArrived.countDown();
                behaviour.answer(exchange);
            } catch (IOException e) {
                serverSawClose.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        client = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        callers.shutdownNow();
        client.close();
    }

    // ---------------------------------------------------------------- server behaviours

    /** Sends nothing until released, then tries to answer: the write fails if the client left. */
    private void stallBeforeHeaders(HttpExchange exchange) throws IOException, InterruptedException {
        release.await(STALL_MILLIS, TimeUnit.MILLISECONDS);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        trickle(exchange.getResponseBody(), " ", 20);
    }

    /** Sends a JSON body one space at a time (valid leading whitespace), the object only at the end. */
    private void trickleJson(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        trickle(out, " ", STALL_MILLIS / 100);
        out.write("{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one event, then only comments: bytes arrive, but no event does. */
    private void oneEventThenComments(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("data: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        trickle(out, ": keep-alive\n\n", STALL_MILLIS / 100);
    }

    /** Sends an event every 5 ms for the whole stall time. */
    private void steadyEvents(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int n = 1; n <= STALL_MILLIS / 5; n++) {
            out.write(("data: {\"n\":" + n + "}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(5);
        }
    }

    private static void trickle(OutputStream out, String text, int times) throws IOException, InterruptedException {
        for (int i = 0; i < times; i++) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------- the four forms

    @ParameterizedTest
    @EnumSource(Stop.class)
    void blockingCallWaitingForItsAnswerEndsAtOnce(Stop stop) throws Exception {
        behaviour = this::stallBeforeHeaders;
        Outcome outcome = callAndStop(stop, requestArrived, () -> client.models().list());
        assertStoppedPromptly(outcome);
        release.countDown(); // the server now tries to answer, and finds the connection gone
        assertServerSawTheClose();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void blockingCallReadingItsBodyEndsAtOnce(Stop stop) throws Exception {
        behaviour = this::trickleJson;
        Outcome outcome = callAndStop(stop, requestArrived, () -> client.models().list());
        assertStoppedPromptly(outcome);
        assertServerSawTheClose();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void callbackStreamEndsAtOnce(Stop stop) throws Exception {
        behaviour = this::oneEventThenComments;
        CountDownLatch firstEvent = new CountDownLatch(1);
        AtomicInteger events = new AtomicInteger();
        Outcome outcome = callAndStop(stop, firstEvent, () -> client.createChatCompletion(HI, Map.of(), event -> {
            events.incrementAndGet();
            firstEvent.countDown();
        }));
        assertStoppedPromptly(outcome);
        assertThat(events).hasValue(1);
        assertServerSawTheClose();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void pullStreamBeingReadEndsAtOnce(Stop stop) throws Exception {
        behaviour = this::oneEventThenComments;
        CountDownLatch firstEvent = new CountDownLatch(1);
        Outcome outcome = callAndStop(stop, firstEvent, () -> {
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                Iterator<JsonNode> iterator = events.iterator();
                assertThat(iterator.next().get("n").asInt()).isEqualTo(1);
                firstEvent.countDown();
                iterator.hasNext(); // blocks: only comments follow
                fail("the stream went on after the interrupt");
            }
        });
        assertStoppedPromptly(outcome);
        assertServerSawTheClose();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void callbackStreamStopsBetweenEventsThatKeepArriving(Stop stop) throws Exception {
        behaviour = this::steadyEvents;
        CountDownLatch someEvents = new CountDownLatch(5);
        AtomicInteger events = new AtomicInteger();
        AtomicInteger atStop = new AtomicInteger(-1);
        Outcome outcome = callAndStop(stop, someEvents, () -> client.createChatCompletion(HI, Map.of(), event -> {
            if (Thread.currentThread().isInterrupted()) {
                atStop.compareAndSet(-1, events.get());
            }
            events.incrementAndGet();
            someEvents.countDown();
        }));
        assertStoppedPromptly(outcome);
        // An event already being handed over when the interrupt came may still arrive; no more.
        assertThat(atStop.get() < 0 ? 0 : events.get() - atStop.get()).isLessThanOrEqualTo(1);
        assertServerSawTheClose();
    }

    @Test
    void callbackThatInterruptsItsOwnThreadGetsNoFurtherEvent() throws Exception {
        behaviour = this::steadyEvents;
        AtomicInteger events = new AtomicInteger();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        AtomicLong interruptedAt = new AtomicLong();
        callers.execute(() -> done.complete(outcomeOf(interruptedAt, () -> client.createChatCompletion(HI, Map.of(),
                event -> {
                    if (events.incrementAndGet() == 3) {
                        interruptedAt.set(System.nanoTime());
                        Thread.currentThread().interrupt();
                    }
                }))));
        Outcome outcome = awaitOutcome(done);
        assertStoppedPromptly(outcome);
        assertThat(events).hasValue(3);
        assertServerSawTheClose();
    }

    // ---------------------------------------------------------------- running and stopping a call

    /** What the stopped call ended with, seen from its own thread. */
    private record Outcome(Throwable failure, boolean interruptFlagSet, Duration sinceStop) {
    }

    private interface Call {
        void run() throws Exception;
    }

    private Outcome callAndStop(Stop stop, CountDownLatch ready, Call call) throws Exception {
        AtomicLong stoppedAt = new AtomicLong();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Runnable task = () -> done.complete(outcomeOf(stoppedAt, call));
        Thread thread = null;
        Future<?> future = null;
        if (stop == Stop.THREAD_INTERRUPT) {
            thread = new Thread(task, "caller");
            thread.setDaemon(true);
            thread.start();
        } else {
            future = callers.submit(task);
        }
        if (!ready.await(5, TimeUnit.SECONDS)) {
            fail("the call never reached the point where it is stopped");
        }
        Thread.sleep(100); // let the caller block in its wait
        stoppedAt.set(System.nanoTime());
        if (thread != null) {
            thread.interrupt();
        } else {
            future.cancel(true);
        }
        return awaitOutcome(done);
    }

    private static Outcome outcomeOf(AtomicLong stoppedAt, Call call) {
        Throwable failure = null;
        try {
            call.run();
        } catch (Throwable t) {
            failure = t;
        }
        long end = System.nanoTime();
        return new Outcome(failure, Thread.currentThread().isInterrupted(), Duration.ofNanos(end - stoppedAt.get()));
    }

    private static Outcome awaitOutcome(CompletableFuture<Outcome> done) throws Exception {
        try {
            return done.get(BOUND.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the call was still running " + (BOUND.toMillis() + 1_000)
                    + " ms after it was stopped");
        }
    }

    private static void assertStoppedPromptly(Outcome outcome) {
        System.out.println("stopped after " + outcome.sinceStop().toMillis() + " ms (Java "
                + Runtime.version().feature() + ")");
        assertThat(outcome.sinceStop()).isLessThan(BOUND);
        assertThat(outcome.failure()).isInstanceOf(ApiInterruptedException.class)
                .hasCauseInstanceOf(InterruptedIOException.class);
        assertThat(outcome.interruptFlagSet()).as("interrupt flag still set").isTrue();
    }

    private void assertServerSawTheClose() throws InterruptedException {
        assertThat(serverSawClose.await(5, TimeUnit.SECONDS)).as("the server saw the connection closed").isTrue();
    }
}
