package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads a 200 MB file through the Uploads API (64 MiB parts, each larger than the heap share it
 * could use) from a JVM whose heap is 64 MB, then downloads the stored file and compares digests.
 */
class PartedUploadHeapTest {

    private static final int MB = 1024 * 1024;

    @Test
    void uploadsAFileLargerThanTheHeapInPartsFromASmallHeapJvm(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.jsonl");
        String expected = writePatternFile(big, 200);
        try (FakeOpenAI server = FakeOpenAI.start()) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), PartedUploadMain.class.getName(),
                    server.baseUrl(), big.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
            // Output goes to a file, so a hung or chatty child can neither block the pipe nor the test.
            boolean finished = child.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(dir.resolve("child.log"));
            assertThat(finished).as("child finished; output: %s", output).isTrue();
            assertThat(child.exitValue()).as("child exit; output: %s", output).isZero();
            long maxMemory = Long.parseLong(output.replaceFirst("(?s).*maxMemory=(\\d+).*", "$1"));
            assertThat(Files.size(big)).isGreaterThan(maxMemory);
            String fileId = output.replaceFirst("(?s).*file=(\\S+).*", "$1");

            MessageDigest stored = MessageDigest.getInstance("SHA-256");
            try (InputStream in = server.client().files().content(fileId)) {
                byte[] buffer = new byte[MB];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    stored.update(buffer, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(expected);
        }
    }

    /** Writes {@code megabytes} of numbered lines and returns the hex digest of what was written. */
    private static String writePatternFile(Path path, int megabytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[MB];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int i = 0; i < megabytes; i++) {
                byte[] line = ("{\"chunk\":" + i + "}\n").getBytes(StandardCharsets.US_ASCII);
                for (int p = 0; p < chunk.length; p++) {
                    chunk[p] = line[p % line.length];
                }
                out.write(chunk);
                digest.update(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
