package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.ClientEndpoints;
import io.github.javaopenai.errors.OpenAIException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embeds any number of texts online: packs them into requests of at most 2,048 inputs and a token
 * budget, runs a bounded number of requests at once, and hands each vector to a sink in input
 * order. Memory holds only the requests in flight, whatever the number of texts.
 *
 * <p>Give the client a {@link io.github.javaopenai.transport.RateLimitPacing} transport to keep a
 * large job within the account's requests and tokens per minute instead of meeting 429s.
 *
 * <pre>{@code
 * EmbeddingJob job = EmbeddingJob.newBuilder(client, "text-embedding-3-small").concurrency(4).build();
 * job.run(texts.iterator(), (index, vector) -> store.put(index, vector));
 * }</pre>
 *
 * @since 0.1
 */
public final class EmbeddingJob {

    /** The most inputs the API takes in one embeddings request: {@value}. */
    public static final int MAX_INPUTS_PER_REQUEST = 2048;

    private final ClientEndpoints client;
    private final String model;
    private final int maxInputs;
    private final long maxTokens;
    private final int concurrency;

    private EmbeddingJob(Builder b) {
        client = b.client;
        model = b.model;
        maxInputs = b.maxInputs;
        maxTokens = b.maxTokens;
        concurrency = b.concurrency;
    }

    /** Returns a builder for jobs sending through {@code client} (such as an {@code OpenAI}) with {@code model}. */
    public static Builder newBuilder(ClientEndpoints client, String model) {
        return new Builder(client, model);
    }

    /**
     * Embeds every text, in order, blocking until the last vector is handed to the sink (on this
     * thread). Returns the number of texts.
     *
     * @throws io.github.javaopenai.errors.ApiException when a request is refused (after the
     *     client's retries); vectors before it have been delivered
     * @throws OpenAIException when interrupted, or when an answer lacks a vector
     */
    public long run(Iterator<String> texts, EmbeddingSink sink) {
        Objects.requireNonNull(texts, "texts == null");
        Objects.requireNonNull(sink, "sink == null");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "java-openai-embedding-job");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<float[][]>> inFlight = new ArrayDeque<>();
        long delivered = 0;
        try {
            List<String> pack = new ArrayList<>();
            long packTokens = 0;
            while (texts.hasNext()) {
                String text = Objects.requireNonNull(texts.next(), "a text is null");
                long tokens = (text.length() + 3) / 4;
                if (!pack.isEmpty() && (pack.size() == maxInputs || packTokens + tokens > maxTokens)) {
                    delivered = submit(pool, inFlight, pack, sink, delivered);
                    pack = new ArrayList<>();
                    packTokens = 0;
                }
                pack.add(text);
                packTokens += tokens;
            }
            if (!pack.isEmpty()) {
                delivered = submit(pool, inFlight, pack, sink, delivered);
            }
            while (!inFlight.isEmpty()) {
                delivered = deliver(inFlight.removeFirst(), sink, delivered);
            }
            return delivered;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends a pack once a slot is free, delivering the oldest pack first when all are busy. */
    private long submit(ExecutorService pool, Deque<Future<float[][]>> inFlight, List<String> pack,
            EmbeddingSink sink, long delivered) {
        long done = delivered;
        while (inFlight.size() >= concurrency) {
            done = deliver(inFlight.removeFirst(), sink, done);
        }
        List<String> inputs = List.copyOf(pack);
        inFlight.addLast(pool.submit(() -> embed(inputs)));
        return done;
    }

    private static long deliver(Future<float[][]> pack, EmbeddingSink sink, long delivered) {
        float[][] vectors;
        try {
            vectors = pack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAIException("interrupted while embedding, after " + delivered + " vectors", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OpenAIException("embedding failed after " + delivered + " vectors: " + e.getCause(), e.getCause());
        }
        long index = delivered;
        for (float[] vector : vectors) {
            sink.accept(index++, vector);
        }
        return index;
    }

    private float[][] embed(List<String> inputs) {
        ApiResponse response = client.embedding(inputs, Map.of("model", model, "encoding_format", "base64"));
        JsonNode data = response.orThrow("POST /embeddings").body().path("data");
        float[][] vectors = new float[inputs.size()][];
        for (JsonNode entry : data) {
            int index = entry.path("index").asInt(-1);
            if (index >= 0 && index < vectors.length) {
                vectors[index] = vector(entry.path("embedding"));
            }
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                throw new OpenAIException("the embeddings answer has no vector for input " + i + " of " + vectors.length);
            }
        }
        return vectors;
    }

    private static float[] vector(JsonNode embedding) {
        if (embedding.isTextual()) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText())).order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(vector);
            return vector;
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) embedding.get(i).asDouble();
        }
        return vector.length == 0 ? null : vector;
    }

    @Override
    public String toString() {
        return "EmbeddingJob{model=" + model + ", maxInputs=" + maxInputs + ", maxTokens=" + maxTokens
                + ", concurrency=" + concurrency + "}";
    }

    /** Builds an {@link EmbeddingJob}. Not thread-safe. */
    public static final class Builder {
        private final ClientEndpoints client;
        private final String model;
        private int maxInputs = MAX_INPUTS_PER_REQUEST;
        private long maxTokens = 100_000;
        private int concurrency = 4;

        private Builder(ClientEndpoints client, String model) {
            this.client = Objects.requireNonNull(client, "client == null");
            this.model = Objects.requireNonNull(model, "model == null");
        }

        /** Sets the most inputs per request, up to the API's 2,048. Default: 2,048. */
        public Builder maxInputsPerRequest(int inputs) {
            if (inputs <= 0 || inputs > MAX_INPUTS_PER_REQUEST) {
                throw new IllegalArgumentException("maxInputsPerRequest must be within 1.." + MAX_INPUTS_PER_REQUEST
                        + ": " + inputs);
            }
            this.maxInputs = inputs;
            return this;
        }

        /**
         * Sets the token budget per request, estimated at four characters a token; a text larger
         * than the budget goes alone. Default: 100,000.
         */
        public Builder maxTokensPerRequest(long tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("maxTokensPerRequest must be positive: " + tokens);
            }
            this.maxTokens = tokens;
            return this;
        }

        /** Sets how many requests run at once. Default: 4. */
        public Builder concurrency(int requests) {
            if (requests <= 0) {
                throw new IllegalArgumentException("concurrency must be positive: " + requests);
            }
            this.concurrency = requests;
            return this;
        }

        /** Builds the job. */
        public EmbeddingJob build() {
            return new EmbeddingJob(this);
        }
    }
}
