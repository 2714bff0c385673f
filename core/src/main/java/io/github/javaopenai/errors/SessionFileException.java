package io.github.javaopenai.errors;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Signals that a saved session file cannot be loaded: it is cut short, not JSON, not a session
 * file of the expected kind, or written by a newer format version. The message names the file.
 * Reading the file itself failing raises {@link java.io.UncheckedIOException} instead.
 *
 * @since 0.1
 */
public final class SessionFileException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception naming the file and the problem. */
    public SessionFileException(Path file, String problem, Throwable cause) {
        super("cannot load session file " + Objects.requireNonNull(file, "file == null") + ": " + problem, cause);
        this.file = file;
    }

    /** Returns the file that could not be loaded. */
    public Path file() {
        return file;
    }
}
