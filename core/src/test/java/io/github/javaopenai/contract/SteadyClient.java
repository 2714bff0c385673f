package io.github.javaopenai.contract;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client pointed at Steady through a transport that keeps each answer's status and headers, so
 * a contract test can check Steady's verdict even for calls that return a stream.
 */
final class SteadyClient implements Transport {

    /** One exchange as the client saw it. */
    record Exchange(TransportRequest request, int status, Headers headers) {
    }

    private final Transport delegate = JdkHttpTransport.create();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private int checked;
    private final OpenAI client;

    SteadyClient(SteadyMockServer steady) {
        client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(steady.baseUrl().toString()).transport(this).build();
    }

    OpenAI client() {
        return client;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        TransportResponse response = delegate.send(request);
        exchanges.add(new Exchange(request, response.status(), response.headers()));
        return response;
    }

    /**
     * Asserts that a request was sent since the last check, and that it was valid against the spec
     * path and answered 2xx.
     */
    Exchange assertLastValid(String specPath) {
        if (exchanges.size() <= checked) {
            throw new AssertionError("no request was sent since the last check (expected one to " + specPath + ")");
        }
        checked = exchanges.size();
        Exchange last = last();
        SteadyAssertions.assertValid(last.status(), last.headers().toMap(), specPath);
        return last;
    }

    /** Returns every exchange so far, oldest first. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    Exchange last() {
        if (exchanges.isEmpty()) {
            throw new AssertionError("no request was sent");
        }
        return exchanges.get(exchanges.size() - 1);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
