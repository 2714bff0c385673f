package io.github.javaopenai.errors;

import java.io.IOException;
import java.net.URI;

/**
 * Signals that an exchange took longer than allowed: connecting, waiting for the response
 * headers, or waiting for the next bytes of a stream.
 *
 * <p>The message names the host and port and which wait ran out.
 *
 * @since 0.1
 */
public class ApiTimeoutException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an exchange with the given URI's host that timed out. */
    public ApiTimeoutException(URI uri, IOException cause) {
        super(uri, "Request to " + hostAndPort(uri) + " timed out: " + cause.getMessage(), cause);
    }
}
