package io.github.javaopenai;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.Messages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Listeners;

/**
 * The Reactive Streams TCK, as its authors wrote it, against the chat completion stream publisher
 * over a real loopback server: one event per element.
 */
@Listeners(TckPlaceholders.class) // leaves out only the TCK's untested_* placeholders
public class EventPublisherTckTest extends FlowPublisherVerification<JsonNode> {

    private EventServer server;

    public EventPublisherTckTest() {
        // Signals may take a loopback round trip on a busy machine; absence is awaited 300 ms.
        super(new TestEnvironment(3000, 300), 5000);
    }

    @BeforeClass
    public void startServer() throws Exception {
        server = new EventServer();
    }

    @AfterClass
    public void stopServer() {
        server.close();
    }

    @Override
    public Flow.Publisher<JsonNode> createFlowPublisher(long elements) {
        String shape = elements == Long.MAX_VALUE ? "n-1" : "n" + elements;
        return client(shape).async().streamChatCompletion(List.of(Messages.user("hi")), Map.of());
    }

    @Override
    public Flow.Publisher<JsonNode> createFailedFlowPublisher() {
        return client("s401").async().streamChatCompletion(List.of(Messages.user("hi")), Map.of());
    }

    private OpenAI client(String shape) {
        return OpenAI.newBuilder().apiKey("sk-tck").baseUrl(server.baseUrl(shape)).maxRetries(0).build();
    }
}
