package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadySettingsTest {

    @Test
    void findsRepoRootByCiDirectory(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve(".ci"));
        Path module = Files.createDirectories(repo.resolve("core"));
        Files.writeString(module.resolve("pom.xml"), "<project><parent/></project>");

        assertThat(SteadySettings.findRepoRoot(module)).isEqualTo(repo.toAbsolutePath().normalize());
    }

    @Test
    void findsRepoRootByAggregatorPom(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project><modules><module>core</module></modules>");
        Path module = Files.createDirectories(repo.resolve("core"));
        Files.writeString(module.resolve("pom.xml"), "<project><parent/></project>");

        assertThat(SteadySettings.findRepoRoot(module)).isEqualTo(repo.toAbsolutePath().normalize());
    }

    @Test
    void findsThisRepositoryFromTheModuleDirectory() throws Exception {
        Path root = SteadySettings.findRepoRoot(Path.of(""));

        assertThat(root.resolve(".ci")).isDirectory();
        assertThat(root.resolve("core/pom.xml")).isRegularFile();
    }

    @Test
    void reportsMissingRepoRoot(@TempDir Path dir) {
        // A temp dir normally has no .ci or aggregator pom above it.
        Path lonely = dir.resolve("a/b");

        assertThatThrownBy(() -> SteadySettings.findRepoRoot(lonely))
                .isInstanceOf(SteadyUnavailableException.class)
                .hasMessageContaining("no repository root");
    }
}
