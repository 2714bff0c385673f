package io.github.javaopenai.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the library's log lines through {@link System.Logger}, filtered by {@code OPENAI_LOG}.
 *
 * <p>Logging is off by default except for warnings about insecure use (an API key sent over plain
 * HTTP). {@code OPENAI_LOG=info} adds one line per retry; {@code OPENAI_LOG=debug} adds each
 * request and response line with redacted headers; {@code OPENAI_LOG=off} silences the warnings
 * too. Lines go to the logger named {@code io.github.javaopenai}, so the application's logging
 * setup decides where they end up. Callers never pass the API key in a message.
 */
public final class Log {

    /** The name of the logger lines go to. */
    public static final String LOGGER_NAME = "io.github.javaopenai";

    private static volatile Log shared = new Log(System.getLogger(LOGGER_NAME), threshold(System.getenv("OPENAI_LOG")));

    private final Logger logger;
    private final Level threshold;

    /** Creates a log writing lines at or above {@code threshold} to {@code logger}. */
    public Log(Logger logger, Level threshold) {
        this.logger = Objects.requireNonNull(logger, "logger == null");
        this.threshold = Objects.requireNonNull(threshold, "threshold == null");
    }

    /** Returns the log the library writes to. */
    public static Log shared() {
        return shared;
    }

    /** Replaces the log the library writes to and returns the previous one; for tests. */
    public static Log replaceShared(Log log) {
        Log previous = shared;
        shared = Objects.requireNonNull(log, "log == null");
        return previous;
    }

    /** Returns the lowest level written for an {@code OPENAI_LOG} value: unset means warnings only. */
    public static Level threshold(String setting) {
        if (setting == null) {
            return Level.WARNING;
        }
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "debug", "trace" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "off", "none" -> Level.OFF;
            default -> Level.WARNING;
        };
    }

    /** Returns whether lines at this level are written. */
    public boolean isOn(Level level) {
        return threshold != Level.OFF && level.getSeverity() >= threshold.getSeverity() && logger.isLoggable(level);
    }

    /** Writes the line at the given level when that level is on; the supplier runs only then. */
    public void log(Level level, Supplier<String> message) {
        if (isOn(level)) {
            logger.log(level, message.get());
        }
    }
}
