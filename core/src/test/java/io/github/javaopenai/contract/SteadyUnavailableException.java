package io.github.javaopenai.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Says why the Steady mock server cannot run on this machine; the message is the reason. */
final class SteadyUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 20;

    SteadyUnavailableException(String reason) {
        super(reason);
    }

    SteadyUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Returns an exception whose message ends with the last lines of {@code log}. */
    static SteadyUnavailableException withLog(String reason, Path log) {
        return new SteadyUnavailableException(reason + "; see " + log + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return last.isEmpty() ? " (empty)" : ", which ends with:\n  " + String.join("\n  ", last);
        } catch (IOException | RuntimeException e) {
            return " (unreadable: " + e + ")";
        }
    }
}
