package io.github.javaopenai.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a blocking socket (plain or TLS), carrying one exchange at a time:
 * writes a request, reads the status line and headers, and hands the body out framed as the
 * headers say. Used by one thread at a time; {@link #close()} may come from any thread and wakes
 * a blocked read.
 */
final class Http1Connection implements AutoCloseable {

    /** The longest status or header line accepted, and the most header bytes in all. */
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEAD = 256 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String origin;
    private volatile boolean closed;
    /** When the connection was last handed back idle, for the pool's idle limit. */
    private long idleSince;

    Http1Connection(Socket socket, String origin) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        this.origin = origin;
    }

    String origin() {
        return origin;
    }

    Socket socket() {
        return socket;
    }

    InputStream in() {
        return in;
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    long idleSince() {
        return idleSince;
    }

    void markIdle(long nanos) {
        idleSince = nanos;
    }

    /** Writes the request line, the headers and the body, and flushes them. */
    void writeRequest(TransportRequest request, byte[] body, java.util.Set<String> skipped) throws IOException {
        URI uri = request.uri();
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(512);
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        request.headers().toMap().forEach((name, values) -> {
            if (!skipped.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : values) {
                    head.append(checked(name)).append(": ").append(checked(value)).append("\r\n");
                }
            }
        });
        if (body != null || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Refuses a header name or value that would split the request: it is not sent at all. */
    private static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a header name or value contains a line break");
            }
        }
        return text;
    }

    /** The status line and headers of a response. */
    record Head(int status, Map<String, List<String>> headers) {
        String first(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * Reads the status line and headers of the final response, skipping interim (1xx) ones.
     *
     * @throws EOFException when the connection ends before any byte of a status line
     */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = readLine(true);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + printable(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.1 status line: " + printable(statusLine));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int total = statusLine.length();
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                total += line.length();
                if (total > MAX_HEAD) {
                    throw new IOException("the response headers exceed " + MAX_HEAD + " bytes");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed response header line: " + printable(line));
                }
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                        .add(line.substring(colon + 1).trim());
            }
            if (status >= 200 || status == 101) {
                return new Head(status, headers);
            }
        }
    }

    private String readLine(boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (first && line.length() == 0) {
                    throw new EOFException("the connection closed before a response");
                }
                throw new EOFException("the connection closed in the middle of the response headers");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a response header line exceeds " + MAX_LINE + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String printable(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a connection we give up on: nothing to report.
        }
    }
}
