package io.github.javaopenai.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliStartTest {

    @TempDir
    Path dir;

    @Test
    void missingArchiveIsReportedWithTheCommandThatBuildsIt() {
        assertThatThrownBy(() -> CliStart.measure(dir.resolve("none.tar.gz"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("none.tar.gz")
                .hasMessageContaining("mvn -pl cli -am package");
    }

    @Test
    void targetIsMetAtTenTimesAndMissedAbove() {
        assertThat(figures(40, 400).met()).isTrue();
        assertThat(figures(40, 401).met()).isFalse();
    }

    private static CliStart.Figures figures(double version, double chat) {
        return new CliStart.Figures(version, chat, chat / version, 1, 1, List.of(version), List.of(chat));
    }
}
