package io.github.javaopenai.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the line a streamed reply was writing when the process is stopped mid-reply (Ctrl-C), so
 * the shell prompt does not start after the half-written text.
 */
final class LineEndOnExit {

    private static volatile boolean midLine;
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private LineEndOnExit() {
    }

    /** Installs the shutdown hook once per process. */
    static void install(PrintWriter out) {
        if (INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (midLine) {
                    out.println();
                    out.flush();
                }
            }, "java-openai-line-end"));
        }
    }

    /** Notes that text was written without ending its line. */
    static void startedLine() {
        midLine = true;
    }

    /** Notes that the line was ended. */
    static void endedLine() {
        midLine = false;
    }
}
