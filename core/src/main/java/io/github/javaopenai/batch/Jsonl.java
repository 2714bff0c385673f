package io.github.javaopenai.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** Writes batch requests as JSON Lines on demand, and reads result files line by line. */
final class Jsonl {

    /** What a pass over the requests found: their shared endpoint, count and encoded length. */
    record Summary(String url, int count, long length) {
    }

    private Jsonl() {
    }

    /**
     * Checks every request and measures the file they make, without keeping it.
     *
     * @throws IllegalArgumentException when there are no requests, a custom id repeats, or the
     *     requests do not all target the same endpoint
     */
    static Summary scan(Iterable<BatchRequest> requests) {
        Objects.requireNonNull(requests, "requests == null");
        Set<String> ids = new HashSet<>();
        String url = null;
        long length = 0;
        for (BatchRequest request : requests) {
            Objects.requireNonNull(request, "requests[" + ids.size() + "] == null");
            if (!ids.add(request.customId())) {
                throw new IllegalArgumentException("custom id \"" + request.customId() + "\" is used twice");
            }
            if (url == null) {
                url = request.url();
            } else if (!url.equals(request.url())) {
                throw new IllegalArgumentException("every request of a batch must target one endpoint: \""
                        + request.customId() + "\" targets " + request.url() + ", the first targets " + url);
            }
            length += line(request).length;
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("requests is empty");
        }
        return new Summary(url, ids.size(), length);
    }

    /** Returns one request as a JSON line, newline included. */
    static byte[] line(BatchRequest request) {
        ObjectNode line = Json.object();
        line.put("custom_id", request.customId());
        line.put("method", "POST");
        line.put("url", request.url());
        line.set("body", request.body());
        byte[] json = Json.toBytes(line);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** Returns a stream that encodes the requests one line at a time as it is read. */
    static InputStream stream(Iterable<BatchRequest> requests) {
        Iterator<BatchRequest> it = requests.iterator();
        return new InputStream() {
            private byte[] buffer = new byte[0];
            private int position;

            @Override
            public int read() {
                return fill() ? buffer[position++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] out, int offset, int length) {
                Objects.checkFromIndexSize(offset, length, out.length);
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, buffer.length - position);
                System.arraycopy(buffer, position, out, offset, n);
                position += n;
                return n;
            }

            private boolean fill() {
                while (position == buffer.length) {
                    if (!it.hasNext()) {
                        return false;
                    }
                    buffer = line(it.next());
                    position = 0;
                }
                return true;
            }
        };
    }

    /** Reads a JSON Lines stream, handing each non-blank line's value to the consumer. */
    static void read(InputStream in, String what, Consumer<JsonNode> consumer) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    consumer.accept(Json.MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new OpenAIException(what + " line " + number + " is not JSON: " + e.getOriginalMessage(), e);
                }
            }
        }
    }
}
