package io.github.javaopenai.internal;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that prints each line to a stream, {@code System.err} in practice:
 * what {@code OPENAI_LOG} writes to when the application has not configured logging, so that
 * setting the variable alone shows the lines.
 */
final class StandardErrorLogger implements System.Logger {

    private final PrintStream out;

    StandardErrorLogger(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out == null");
    }

    @Override
    public String getName() {
        return Log.LOGGER_NAME;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF; // Log applies the OPENAI_LOG threshold
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        print(level, message + (thrown == null ? "" : " (" + thrown + ")"));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        print(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
    }

    private void print(Level level, String message) {
        out.println("[java-openai] " + level.getName() + " " + message); // one println: lines never interleave
        out.flush();
    }
}
