package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.TckPlaceholders;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Headers;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.Listeners;

/**
 * The Reactive Streams TCK, as its authors wrote it, against the page publisher: pages of three
 * items each, answered without a server so that the TCK checks the publisher's own signalling.
 */
@Listeners(TckPlaceholders.class) // leaves out only the TCK's untested_* placeholders
public class AsyncPagesTckTest extends FlowPublisherVerification<JsonNode> {

    private static final int PAGE = 3;

    public AsyncPagesTckTest() {
        super(new TestEnvironment(2000, 200), 2000);
    }

    @Override
    public Flow.Publisher<JsonNode> createFlowPublisher(long elements) {
        return AsyncPages.of("GET /things", after -> CompletableFuture.supplyAsync(() -> page(after, elements)),
                ForkJoinPool.commonPool());
    }

    @Override
    public Flow.Publisher<JsonNode> createFailedFlowPublisher() {
        return AsyncPages.of("GET /things",
                after -> CompletableFuture.failedFuture(new IOException("connection refused")),
                ForkJoinPool.commonPool());
    }

    /** Returns the page after item {@code after} (a number) of a listing of {@code total} items. */
    private static ApiResponse page(String after, long total) {
        long first = after == null ? 0 : Long.parseLong(after) + 1;
        long end = Math.min(total, first + PAGE);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (long i = first; i < end; i++) {
            data.addObject().put("id", Long.toString(i));
        }
        body.put("has_more", end < total);
        return new ApiResponse(200, body, Headers.empty());
    }
}
