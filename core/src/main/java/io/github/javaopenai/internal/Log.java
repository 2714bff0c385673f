package io.github.javaopenai.internal;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the library's log lines through {@link System.Logger}, filtered by {@code OPENAI_LOG}.
 *
 * <p>Logging is off by default except for warnings about insecure use (an API key sent over plain
 * HTTP). {@code OPENAI_LOG=info} adds one line per retry; {@code OPENAI_LOG=debug} adds each
 * request and response line with redacted headers and the time to the response; {@code
 * OPENAI_LOG=off} silences the warnings too. Callers never pass the API key in a message.
 *
 * <p>Where lines go: when {@code OPENAI_LOG} asks for {@code info} or {@code debug} and the
 * application has not configured logging, they are printed to standard error, so the variable
 * alone shows them (java.util.logging's defaults would drop debug lines). Logging counts as
 * configured when the system property {@code java.util.logging.config.file} or {@code
 * java.util.logging.config.class} is set, or a {@link System.LoggerFinder} other than the JDK's
 * own is installed (an SLF4J or Log4j bridge). Otherwise, and always when {@code OPENAI_LOG} is
 * unset, lines go to the {@link System.Logger} named {@code io.github.javaopenai}. The system
 * property {@value #SINK_PROPERTY} set to {@code stderr} or {@code logger} overrides the choice.
 */
public final class Log {

    /** The name of the logger lines go to. */
    public static final String LOGGER_NAME = "io.github.javaopenai";

    /** The system property that picks where lines go: {@code stderr} or {@code logger}. */
    public static final String SINK_PROPERTY = "io.github.javaopenai.log";

    private static volatile Log shared = fromSetting(System.getenv("OPENAI_LOG"));

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

    /** Returns the log for an {@code OPENAI_LOG} value, writing where the class comment says. */
    static Log fromSetting(String setting) {
        Level threshold = threshold(setting);
        boolean stderr = printsToStandardError(threshold, System.getProperty(SINK_PROPERTY),
                System.getProperty("java.util.logging.config.file") != null
                        || System.getProperty("java.util.logging.config.class") != null
                        || !isJdkLoggerFinder(System.LoggerFinder.getLoggerFinder().getClass().getName()));
        return new Log(stderr ? new StandardErrorLogger(System.err) : System.getLogger(LOGGER_NAME), threshold);
    }

    /**
     * Decides whether lines are printed to standard error rather than sent to System.Logger.
     *
     * @param threshold the level {@code OPENAI_LOG} asks for
     * @param sink the value of {@value #SINK_PROPERTY}, or null
     * @param loggingConfigured whether the application configured logging
     */
    public static boolean printsToStandardError(Level threshold, String sink, boolean loggingConfigured) {
        if (sink != null && !sink.isBlank()) {
            return sink.trim().equalsIgnoreCase("stderr");
        }
        boolean asked = threshold == Level.INFO || threshold == Level.DEBUG;
        return asked && !loggingConfigured;
    }

    /** Returns whether a logger finder is the JDK's own, which only java.util.logging's defaults configure. */
    public static boolean isJdkLoggerFinder(String className) {
        return className.startsWith("jdk.internal.") || className.startsWith("sun.");
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
