package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Holds a {@code multipart/form-data} request body whose file parts are read only while the body
 * is being sent, so a file of any size goes out without being loaded into memory.
 *
 * <p>{@link #contentLength()} is known when every part's size is (paths and byte arrays always
 * are); a part of unknown size makes the whole body's length unknown, and the transport then
 * sends it in chunks. {@link #open()} may be called again for a retry as long as every part can be
 * reopened. Instances are immutable; send them with the {@link #contentType()} they report, which
 * names their boundary.
 *
 * <pre>{@code
 * Multipart form = Multipart.newBuilder()
 *     .field("purpose", "batch")
 *     .file("file", "requests.jsonl", "application/jsonl", Path.of("requests.jsonl"))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Multipart implements RequestBody {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<RequestBody> segments;
    private final int parts;
    private final long length;

    private Multipart(String boundary, List<RequestBody> segments, int parts) {
        this.boundary = boundary;
        this.segments = List.copyOf(segments);
        this.parts = parts;
        long total = 0;
        for (RequestBody segment : this.segments) {
            if (segment.contentLength() < 0) {
                total = -1;
                break;
            }
            total += segment.contentLength();
        }
        this.length = total;
    }

    /** Returns a builder with a fresh random boundary and no parts. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Returns the {@code Content-Type} to send this body with, boundary included. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Returns the boundary that separates the parts. */
    public String boundary() {
        return boundary;
    }

    /** Returns the number of parts. */
    public int parts() {
        return parts;
    }

    /** Returns the body's length in bytes, or -1 when a part's size is not known. */
    @Override
    public long contentLength() {
        return length;
    }

    /** Opens a stream over the whole body; each file part is opened only when it is reached. */
    @Override
    public InputStream open() {
        return new ConcatenatedStream(segments.iterator());
    }

    /** Returns whether every part can be sent again, as a retry needs. */
    @Override
    public boolean isRepeatable() {
        return segments.stream().allMatch(RequestBody::isRepeatable);
    }

    @Override
    public String toString() {
        return "Multipart(" + parts + " parts, " + (length < 0 ? "unknown length" : length + " bytes") + ")";
    }

    /** Reads the segments one after another, opening each only when it is reached. */
    private static final class ConcatenatedStream extends InputStream {
        private final Iterator<RequestBody> segments;
        private InputStream current;

        ConcatenatedStream(Iterator<RequestBody> segments) {
            this.segments = segments;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (current == null) {
                    if (!segments.hasNext()) {
                        return -1;
                    }
                    current = segments.next().open();
                }
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    return n;
                }
                if (n < 0) {
                    current.close();
                    current = null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
            while (segments.hasNext()) {
                segments.next(); // drop the rest unopened
            }
        }
    }

    /**
     * Builds a {@link Multipart} body part by part, in order. Not thread-safe.
     */
    public static final class Builder {
        private String boundary = "java-openai-" + HexFormat.of().formatHex(randomBytes());
        private final List<Part> parts = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the boundary. Default: {@code java-openai-} and 32 random hex digits, which no
         * part's content will contain by chance. Set it only to make a body reproducible.
         *
         * @throws IllegalArgumentException when it is empty, longer than 70 characters, or has a
         *     character other than letters, digits and {@code '()+_,-./:=?}
         */
        public Builder boundary(String boundary) {
            Objects.requireNonNull(boundary, "boundary == null");
            if (boundary.isEmpty() || boundary.length() > 70 || !boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]+")) {
                throw new IllegalArgumentException("boundary must be 1 to 70 letters, digits or '()+_,-./:=?: \"" + boundary + "\"");
            }
            this.boundary = boundary;
            return this;
        }

        /** Adds a text field, sent as UTF-8. */
        public Builder field(String name, String value) {
            Objects.requireNonNull(value, "value == null");
            parts.add(new Part(checkedName(name), null, null,
                    RequestBody.ofBytes(value.getBytes(StandardCharsets.UTF_8))));
            return this;
        }

        /** Adds a file part whose content is the given bytes, which the caller must not change. */
        public Builder file(String name, String filename, String contentType, byte[] content) {
            Objects.requireNonNull(content, "content == null");
            return file(name, filename, contentType, RequestBody.ofBytes(content));
        }

        /**
         * Adds a file part read from disk when the body is sent; its size is taken now.
         *
         * @throws IllegalArgumentException when the path is not a readable regular file
         */
        public Builder file(String name, String filename, String contentType, Path path) {
            Objects.requireNonNull(path, "path == null");
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException("not a readable file: " + path);
            }
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + path, e);
            }
            return file(name, filename, contentType, RequestBody.ofStream(() -> Files.newInputStream(path), size));
        }

        /**
         * Adds a file part whose bytes come from the given body: {@link RequestBody#ofStream} for
         * a stream, with its length or -1 when unknown.
         */
        public Builder file(String name, String filename, String contentType, RequestBody content) {
            Objects.requireNonNull(filename, "filename == null");
            Objects.requireNonNull(contentType, "contentType == null");
            Objects.requireNonNull(content, "content == null");
            if (contentType.isBlank() || contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("contentType must be a single-line media type: \"" + contentType + "\"");
            }
            parts.add(new Part(checkedName(name), filename, contentType, content));
            return this;
        }

        /**
         * Builds the body.
         *
         * @throws IllegalArgumentException when no part was added
         */
        public Multipart build() {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a multipart body needs at least one part");
            }
            List<RequestBody> segments = new ArrayList<>();
            for (Part part : parts) {
                segments.add(RequestBody.ofBytes(part.head(boundary)));
                segments.add(part.content());
                segments.add(RequestBody.ofBytes(CRLF));
            }
            segments.add(RequestBody.ofBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
            return new Multipart(boundary, segments, parts.size());
        }

        private static String checkedName(String name) {
            Objects.requireNonNull(name, "name == null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("part name is empty");
            }
            return name;
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            return bytes;
        }
    }

    /** One part: its name, optional file name and type, and content. */
    private record Part(String name, String filename, String contentType, RequestBody content) {
        byte[] head(String boundary) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(escape(name)).append('"');
            if (filename != null) {
                head.append("; filename=\"").append(escape(filename)).append('"');
            }
            head.append("\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Escapes a quoted header parameter the way browsers do (WHATWG HTML form encoding). */
        private static String escape(String value) {
            return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }
    }
}
