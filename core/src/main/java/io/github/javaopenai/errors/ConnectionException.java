package io.github.javaopenai.errors;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

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

    /**
     * Returns the reason for the failure. The JDK's HTTP client reports a refused connection and an
     * unknown host with no message at all (a ConnectException caused by a ClosedChannelException or
     * an UnresolvedAddressException), so the reason is then named from the exception types.
     */
    static String describe(IOException cause) {
        String type = cause.getClass().getName();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.equals(String.valueOf(t.getCause()))) {
                return t == cause ? type + ": " + message : type + ": " + message + " (" + t.getClass().getName() + ")";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host: the name could not be resolved (" + type + ")";
            }
        }
        if (cause instanceof ConnectException) {
            return "connection refused: nothing accepts connections at that host and port (" + type + ")";
        }
        return type;
    }
}
