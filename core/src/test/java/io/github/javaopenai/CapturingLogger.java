package io.github.javaopenai;

import io.github.javaopenai.internal.Log;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A System.Logger that keeps every line, installed as the library's log for one test. */
public final class CapturingLogger implements Logger, AutoCloseable {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Log previous;

    public CapturingLogger(Level threshold) {
        previous = Log.replaceShared(new Log(this, threshold));
    }

    @Override
    public String getName() {
        return Log.LOGGER_NAME;
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + (params == null ? format : MessageFormat.format(format, params)));
    }

    @Override
    public void close() {
        Log.replaceShared(previous);
    }
}
