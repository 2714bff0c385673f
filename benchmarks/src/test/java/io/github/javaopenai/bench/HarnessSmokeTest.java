package io.github.javaopenai.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                "--only", "streaming,sequential,concurrent,footprint,many,big,async");

        String markdown = Files.readString(report);
        assertThat(markdown)
                .contains("## Targets", "## Streaming", "## Sequential requests", "## 4 concurrent callers",
                        "## Footprint", "## 20 concurrent streams", "## 1 MB stream in -Xmx64m",
                        "## 50 calls in flight, each held 300 ms")
                .containsPattern("\\| failed calls \\| THIS async \\(JDK [0-9]+\\) \\| 0.000 \\|")
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
    void quickTlsRunComparesEveryClientOverBothProtocolsAndNoneOfOursFailsAtTheStreamLimit(@TempDir Path out)
            throws Exception {
        Path report = Harness.run("--quick", "--out", out.toString(), "--only", "tls");

        String markdown = Files.readString(report);
        assertThat(markdown)
                .contains("## TLS h2: packed streaming", "## TLS h2: paced streaming", "## TLS h2: sequential requests",
                        "## TLS h2: 32 callers", "## TLS h2: 256 callers, 100 streams per connection",
                        "## TLS HTTP/1.1: paced streaming", "## TLS HTTP/1.1: 256 callers")
                .containsPattern("\\| CPU per event \\| THIS \\(JDK\\) \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| THIS \\(OkHttp\\) \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| OFFICIAL \\| [0-9.,]+ µs \\|")
                .containsPattern("\\| CPU per event \\| FLOOR \\| [0-9.,]+ µs \\|")
                .doesNotContain("NaN");
        String manyCallers = markdown.substring(markdown.indexOf("## TLS h2: 256 callers"));
        manyCallers = manyCallers.substring(0, manyCallers.indexOf("\n## "));
        assertThat(manyCallers).contains("| failed requests | THIS (JDK) | 0.000 |", "| failed requests | THIS (OkHttp) | 0.000 |");
    }

    @Test
    void reportKeepsTheHandWrittenSectionsOfTheFileItReplaces(@TempDir Path out) throws Exception {
        Path file = out.resolve("BENCHMARKS.md");
        Files.writeString(file, "# old figures\n" + Report.HAND_WRITTEN + "\n\n## Written by hand\n\nkept\n");

        Report.write(file, "# new figures\n");

        assertThat(Files.readString(file)).startsWith("# new figures\n").doesNotContain("old figures")
                .endsWith(Report.HAND_WRITTEN + "\n\n## Written by hand\n\nkept\n");
    }

    @Test
    void targetsOfSeveralRunsAreMetOnlyWhenEveryRunMetThem() {
        List<Target> combined = Target.acrossRuns(List.of(
                List.of(new Target("a", "0.3x", true), new Target("b", "0.6x", false), new Target("c", "0.4x", true)),
                List.of(new Target("a", "0.2x", true), new Target("b", "0.7x", false), new Target("c", "0.6x", false))));

        assertThat(combined).extracting(Target::verdict).containsExactly("**met** in 2 of 2 runs",
                "**missed** in 2 of 2 runs", "**unstable**: met in 1 of 2 runs");
        assertThat(combined.get(0).measured()).isEqualTo("0.3x; 0.2x");
    }

    @Test
    void rejectsUnknownScenario(@TempDir Path out) {
        assertThatThrownBy(() -> Harness.run("--quick", "--out", out.toString(), "--only", "streaming,warp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario in [streaming, warp]");
    }
}
