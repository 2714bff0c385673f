package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Draws a batch's progress on one line of stderr, redrawn in place: {@code [#####.....] 5/10 in_progress}. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    void show(JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        int total = counts.path("total").asInt();
        int done = counts.path("completed").asInt() + counts.path("failed").asInt();
        int filled = total == 0 ? 0 : Math.min(WIDTH, WIDTH * done / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " "
                + batch.path("status").asText() + "   ");
        err.flush();
    }

    void end() {
        err.println();
        err.flush();
    }
}
