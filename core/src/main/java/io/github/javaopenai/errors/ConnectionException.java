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
     * Returns the reason for the failure: a refused connection and an unknown host are named in
     * words whichever transport reported them (the JDK's HTTP client gives them no message at all,
     * a socket gives the JDK's own, such as "Connection refused"); anything else by its message.
     */
    static String describe(IOException cause) {
        String type = cause.getClass().getName();
        String detail = firstMessage(cause);
        String shown = detail == null ? type : type + ": " + detail;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host: the name could not be resolved (" + shown + ")";
            }
        }
        if (cause instanceof ConnectException
                && (detail == null || detail.toLowerCase(java.util.Locale.ROOT).contains("refused"))) {
            return "connection refused: nothing accepts connections at that host and port (" + shown + ")";
        }
        return shown;
    }

    /** Returns the first message along the cause chain that says more than its cause's name. */
    private static String firstMessage(IOException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.equals(String.valueOf(t.getCause()))) {
                return t == cause ? message : message + " (" + t.getClass().getName() + ")";
            }
        }
        return null;
    }
}
