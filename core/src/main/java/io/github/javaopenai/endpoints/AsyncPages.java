package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every item of a paged list endpoint as a {@link Flow.Publisher}: the async form of {@link Pages},
 * with its cursor rules (the next page is asked for with {@code after} set to {@code last_id}, or to
 * the {@code id} of the page's last item; iteration stops when {@code has_more} is false or absent,
 * when a page is empty, or when the cursor would not move).
 *
 * <p>Each subscription starts again from the first page, which it asks for at once; each further
 * page only once the subscriber has asked for more items than the pages fetched so far hold, so a
 * subscriber that stops asking stops the paging. No thread waits for a page. {@code cancel()}
 * aborts the page in flight. A page answered with a status other than 2xx ends the subscription
 * with {@code onError} and the {@link io.github.javaopenai.errors.ApiException} the blocking
 * {@link Pages} throws; a failed exchange, with its {@code ConnectionException} or
 * {@code ApiTimeoutException}. The subscriber is signalled on the client's async executor, one
 * signal at a time. Thread-safe; subscribe as often as you like.
 *
 * <pre>{@code
 * client.async().batches().iterate(Map.of("limit", 100)).collect()
 *     .thenAccept(batches -> System.out.println(batches.size() + " batches"));
 * }</pre>
 *
 * @since 0.1
 */
public final class AsyncPages implements Flow.Publisher<JsonNode> {

    private final String what;
    private final String firstCursor;
    private final Function<String, CompletableFuture<ApiResponse>> fetch;
    private final Executor executor;

    private AsyncPages(String what, String firstCursor, Function<String, CompletableFuture<ApiResponse>> fetch,
            Executor executor) {
        this.what = Objects.requireNonNull(what, "what == null");
        this.firstCursor = firstCursor;
        this.fetch = Objects.requireNonNull(fetch, "fetch == null");
        this.executor = Objects.requireNonNull(executor, "executor == null");
    }

    /**
     * Returns pages fetched by {@code fetch}, which is given the {@code after} cursor (null for the
     * first page) and returns the page's future; subscribers are signalled on {@code executor}. Use
     * it to page through an endpoint this library has no method for, with
     * {@code client.async().request(...)} as the fetch.
     *
     * @param what names the listing in error messages, such as {@code GET /batches}
     */
    public static AsyncPages of(String what, Function<String, CompletableFuture<ApiResponse>> fetch,
            Executor executor) {
        return new AsyncPages(what, null, fetch, executor);
    }

    /** Returns pages of {@code GET path}, with the query's {@code after}, if any, as the first cursor. */
    static AsyncPages ofList(AsyncRequester requester, String path, Map<String, ?> query) {
        Pages.ListQuery list = Pages.ListQuery.of(path, query);
        return new AsyncPages("GET " + path, list.start(),
                after -> requester.send("GET", list.page(after), null, Map.of()), requester.executor());
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JsonNode> subscriber) {
        new PageSubscription(Objects.requireNonNull(subscriber, "subscriber == null")).signal();
    }

    /**
     * Fetches every page and completes with all their items in order, or exceptionally as a
     * subscriber's {@code onError} would be called; cancelling the future aborts the page in flight.
     */
    public CompletableFuture<List<JsonNode>> collect() {
        CompletableFuture<List<JsonNode>> all = new CompletableFuture<>();
        subscribe(new Flow.Subscriber<>() {
            private final List<JsonNode> items = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                all.whenComplete((list, failure) -> subscription.cancel()); // no-op once complete
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable failure) {
                all.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                all.complete(Collections.unmodifiableList(items));
            }
        });
        return all;
    }

    @Override
    public String toString() {
        return "AsyncPages{" + what + "}";
    }

    /**
     * One subscription. Every signal to the subscriber is sent by {@link #drain}, which runs on the
     * executor and never twice at once: whoever raises {@link #pending} from zero starts it, and it
     * loops until no change is left unseen. Fields without {@code volatile} are only touched there.
     */
    private final class PageSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super JsonNode> subscriber;
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        private volatile Pages.Page fetched; // the page the last fetch got, until drain takes it
        private volatile Throwable fetchFailure;
        private volatile CompletableFuture<ApiResponse> inFlight;

        private boolean subscribed;
        private boolean started;
        private boolean fetching;
        private boolean done;
        private Iterator<JsonNode> items = Collections.emptyIterator();
        private String cursor = firstCursor;
        private boolean more = true;

        PageSubscription(Flow.Subscriber<? super JsonNode> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("non-positive subscription request (rule 3.9): " + n);
            } else {
                demand.getAndAccumulate(n, (have, more) -> have + more < 0 ? Long.MAX_VALUE : have + more);
            }
            signal();
        }

        @Override
        public void cancel() {
            cancelled = true;
            abortFetch();
            signal(); // lets drain drop its references
        }

        void signal() {
            if (pending.getAndIncrement() == 0) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    cancelled = true;
                    abortFetch(); // nowhere to signal from: nothing more is fetched
                }
            }
        }

        private void drain() {
            int missed = 1;
            do {
                try {
                    if (!subscribed) {
                        subscribed = true;
                        subscriber.onSubscribe(this);
                    }
                    if (cancelled) {
                        done = true;
                        items = Collections.emptyIterator();
                    } else if (!done) {
                        step();
                    }
                } catch (RuntimeException e) {
                    // Rule 2.13: a subscriber that throws is treated as having cancelled.
                    cancelled = true;
                    done = true;
                    abortFetch();
                }
                missed = pending.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Delivers what is due: an error, the items asked for, the end, or the start of the next fetch. */
        private void step() {
            if (badRequest != null) {
                end(badRequest); // rule 3.9: a non-positive request is an error
                return;
            }
            takeFetched();
            if (fetchFailure != null) {
                end(unwrap(fetchFailure));
                return;
            }
            long emitted = 0;
            long asked = demand.get();
            while (emitted < asked && items.hasNext() && !cancelled) {
                subscriber.onNext(items.next());
                emitted++;
            }
            if (emitted > 0 && asked != Long.MAX_VALUE) {
                demand.addAndGet(-emitted);
            }
            if (cancelled || items.hasNext() || fetching) {
                return;
            }
            if (!more) {
                done = true;
                subscriber.onComplete();
            } else if (!started || demand.get() > 0) { // the first page is asked for at once
                fetchNext();
            }
        }

        private void takeFetched() {
            Pages.Page page = fetched;
            if (page != null) {
                fetched = null;
                fetching = false;
                items = page.data().elements();
                cursor = page.cursor();
                more = page.more();
            }
        }

        /** Asks for the page after {@link #cursor}; its outcome comes back through {@link #signal}. */
        private void fetchNext() {
            started = true;
            fetching = true;
            String after = cursor;
            CompletableFuture<ApiResponse> page;
            try {
                page = fetch.apply(after);
            } catch (RuntimeException e) {
                page = CompletableFuture.failedFuture(e);
            }
            inFlight = page;
            if (cancelled) {
                page.cancel(true);
            }
            page.whenComplete((response, failure) -> {
                inFlight = null;
                if (failure != null) {
                    fetchFailure = failure;
                } else {
                    try {
                        fetched = Pages.Page.read(what, response, after);
                    } catch (RuntimeException e) {
                        fetchFailure = e;
                    }
                }
                signal();
            });
        }

        private void end(Throwable failure) {
            done = true;
            cancelled = true;
            abortFetch();
            subscriber.onError(failure);
        }

        private void abortFetch() {
            CompletableFuture<ApiResponse> page = inFlight;
            if (page != null) {
                page.cancel(true);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
