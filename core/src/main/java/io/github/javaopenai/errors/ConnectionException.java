package io.github.javaopenai.errors;

import java.io.IOException;
import java.net.URI;

/**
 * Signals that the exchange failed in the network before a complete response arrived: the host
 * could not be reached, the connection was reset, or the wait was interrupted.
 *
 * <p>The message names the host and port and the transport's own message; the
 * {@link IOException} is kept as the cause.
 *
 * @since 0.1
 */
public class ConnectionException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    /** Creates an exception for a failed exchange with the given URI's host. */
    public ConnectionException(URI uri, IOException cause) {
        this(uri, "Request to " + hostAndPort(uri) + " failed: " + describe(cause), cause);
    }

    /** Creates an exception with its own message for a failed exchange with the given URI's host. */
    protected ConnectionException(URI uri, String message, IOException cause) {
        super(message, cause);
        this.host = uri.getHost();
        this.port = port(uri);
    }

    /** Returns the host the exchange was with. */
    public String host() {
        return host;
    }

    /** Returns the port the exchange was with. */
    public int port() {
        return port;
    }

    /** Returns the I/O failure behind this exception. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }

    static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String describe(IOException cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
