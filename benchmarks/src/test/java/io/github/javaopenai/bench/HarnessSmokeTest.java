package io.github.javaopenai.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the harness on a tiny workload and checks that it writes a report with a table per
 * scenario. It measures nothing worth reading: the figures come from {@code scripts/bench}. Cold
 * start is left out, as it starts a dozen JVMs.
 */
class HarnessSmokeTest {

    @Test
    void quickRunWritesTablesAndChart(@TempDir Path out) throws Exception {
        Path report = Harness.run("--quick", "--out", out.toString(),
                "--only", "streaming,sequential,concurrent,footprint,many,big");

        String markdown = Files.readString(report);
        assertThat(markdown)
                .contains("## Targets", "## Streaming", "## Sequential requests", "## 4 concurrent callers",
                        "## Footprint", "## 20 concurrent streams", "## 1 MB stream in -Xmx64m")
                .contains("| figure | client | median | min | max | x FLOOR | x OFFICIAL |")
                .containsPattern("\\| CPU per event \\| FLOOR \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| THIS \\(callback\\) \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| THIS \\(pull stream\\) \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| THIS \\(ChatSession text\\) \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| OFFICIAL \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| requests per second \\| FLOOR \\(inline executor\\) \\| [0-9.,]+ 1/s \\|")
                .containsPattern("\\| errors \\| THIS \\| 0.000 \\|")
                .doesNotContain("NaN");
        assertThat(out.resolve("benchmarks.png")).isNotEmptyFile();
        assertThat(out.resolve("benchmarks.svg")).content().contains("<svg");
    }

    @Test
    void rejectsUnknownScenario(@TempDir Path out) {
        assertThatThrownBy(() -> Harness.run("--quick", "--out", out.toString(), "--only", "streaming,warp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario in [streaming, warp]");
    }
}
