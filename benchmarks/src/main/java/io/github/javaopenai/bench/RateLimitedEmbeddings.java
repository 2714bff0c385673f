package io.github.javaopenai.bench;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.batch.EmbeddingJob;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.RateLimitPacing;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an {@link EmbeddingJob} through {@link RateLimitPacing} against a {@link FakeOpenAI} that
 * enforces a requests and a tokens limit per window, for a fixed number of windows, with retries
 * off, and prints the 429s the server sent and the caller saw, and the requests and tokens sent
 * per window as a fraction of each limit:
 * {@code java -cp ... io.github.javaopenai.bench.RateLimitedEmbeddings [runs]}.
 *
 * <p>Texts are fed for {@code windows} windows; what was sent within that time counts (the job's
 * last requests, still held by the pacer, are sent later and do not).
 */
public final class RateLimitedEmbeddings {

    /** One run's figures. */
    record Outcome(String name, long requests, long tokens, double requestShare, double tokenShare, int refused,
            long callerSaw429, String failure) {
        double bindingShare() {
            return Math.max(requestShare, tokenShare);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d requests, %d tokens sent in time; %.1f%% of the requests"
                    + " limit, %.1f%% of the tokens limit; 429s sent by the server %d, seen by the caller %d%s", name,
                    requests, tokens, 100 * requestShare, 100 * tokenShare, refused, callerSaw429,
                    failure == null ? "" : "; job failed: " + failure);
        }
    }

    private RateLimitedEmbeddings() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int i = 0; i < runs; i++) {
            System.out.println(requestsBound());
            System.out.println(tokensBound());
        }
    }

    /** 20 requests a window and tokens to spare: the requests limit binds. */
    static Outcome requestsBound() throws Exception {
        return run("requests-bound (20 requests, 1,000,000 tokens per 1 s window)", 20, 1_000_000,
                Duration.ofSeconds(1), 10, 8);
    }

    /** 2,000 tokens a window, about 10 requests' worth, and requests to spare: the tokens limit binds. */
    static Outcome tokensBound() throws Exception {
        return run("tokens-bound (1,000 requests, 2,000 tokens per 1 s window)", 1_000, 2_000, Duration.ofSeconds(1),
                10, 8);
    }

    static Outcome run(String name, int requestLimit, long tokenLimit, Duration window, int windows, int inputsPerRequest)
            throws Exception {
        Counting counting = new Counting(JdkHttpTransport.create());
        Counting caller = new Counting(RateLimitPacing.wrap(counting));
        try (FakeOpenAI server = FakeOpenAI.start().logRequests(false);
                OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl()).apiKey(FakeOpenAI.API_KEY).maxRetries(0)
                        .transport(caller).build()) {
            server.rateLimits(requestLimit, tokenLimit, window);
            long duration = window.toNanos() * windows;
            long start = System.nanoTime();
            counting.countUntil(start + duration);
            Iterator<String> texts = new Iterator<>() {
                long next;

                @Override
                public boolean hasNext() {
                    return System.nanoTime() - start < duration;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return "text number " + next++;
                }
            };
            String failure = null;
            try {
                EmbeddingJob.newBuilder(client, "text-embedding-3-small").maxInputsPerRequest(inputsPerRequest)
                        .concurrency(4).build().run(texts, (index, vector) -> { });
            } catch (OpenAIException e) {
                failure = e.getMessage();
            }
            double limitWindows = windows;
            return new Outcome(name, counting.requests.get(), counting.tokens.get(),
                    counting.requests.get() / (limitWindows * requestLimit),
                    counting.tokens.get() / (limitWindows * tokenLimit), server.rateLimitedRequests(),
                    caller.tooManyRequests.get(), failure);
        }
    }

    /** Counts the requests and tokens sent before a deadline, and the 429s answered. */
    private static final class Counting implements Transport {
        private final Transport delegate;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong tokens = new AtomicLong();
        final AtomicLong tooManyRequests = new AtomicLong();
        private volatile long deadline = Long.MAX_VALUE;
        private volatile boolean bounded;

        Counting(Transport delegate) {
            this.delegate = delegate;
        }

        void countUntil(long nanoTime) {
            deadline = nanoTime;
            bounded = true;
        }

        @Override
        public TransportResponse send(TransportRequest request) throws IOException {
            if (!bounded || System.nanoTime() - deadline < 0) {
                long length = request.hasBody() ? request.body().contentLength() : 0;
                requests.incrementAndGet();
                tokens.addAndGet(length <= 0 ? 1 : (length + 3) / 4); // as the server counts them
            }
            TransportResponse response = delegate.send(request);
            if (response.status() == 429) {
                tooManyRequests.incrementAndGet();
            }
            return response;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
