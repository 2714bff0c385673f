package io.github.javaopenai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch job bigger than two batches, run by the command in its own JVM with a small heap: it
 * must split the file, keep memory flat and write every result exactly once. An integration test
 * since it takes 10 to 20 s.
 */
class BatchAtScaleIT {

    @TempDir
    Path dir;

    @Test
    void batchSubmitRuns120001RequestsOfflineInThreeBatchesWithinA160MbHeap() throws Exception {
        Path requests = dir.resolve("requests.jsonl");
        try (var out = Files.newBufferedWriter(requests)) {
            for (int i = 0; i < 120_001; i++) {
                out.write("{\"custom_id\":\"r" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                        + "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"n" + i + "\"}]}}\n");
            }
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx160m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "batch", "submit", requests.toString(), "--wait", "--output", "results.jsonl");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("OPENAI_BASE_URL");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the batch job did not finish in 180 s");
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).contains("120001 results (0 failed) from 3 batches");
        Set<String> seen = new HashSet<>();
        long lines = 0;
        try (var reader = Files.newBufferedReader(dir.resolve("results.jsonl"))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                String id = CliJson.MAPPER.readTree(line).path("custom_id").asText();
                assertThat(seen.add(id)).as("custom id %s written twice", id).isTrue();
            }
        }
        assertThat(lines).isEqualTo(120_001);
        List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < 120_001; i++) {
            if (!seen.contains("r" + i)) { // Set.contains: AssertJ's contains would scan the set each time
                missing.add("r" + i);
            }
        }
        assertThat(missing).isEmpty();
    }

}
