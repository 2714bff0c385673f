package io.github.javaopenai.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code RESULT key=value ...} line a child JVM prints for the harness to read. */
final class ChildResult {

    private ChildResult() {
    }

    /** Prints the result line. */
    static void print(Map<String, Object> values) {
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
    }

    /** Parses the result line out of a child's output; empty when there is none. */
    static Map<String, String> parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT")) {
                for (String pair : line.substring(6).trim().split(" ")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        values.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                }
            }
        }
        return values;
    }
}
