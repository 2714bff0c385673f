package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.internal.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPENAI_LOG in a fresh JVM whose logging nobody configured: the lines must show on stderr. */
class LoggingOutOfTheBoxTest {

    private static final String KEY = "sk-out-of-the-box-key-0123456789";

    @TempDir
    Path dir;

    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String stderrOfARequest(Map<String, String> env, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoggedRequestMain.class.getName(),
                server.baseUrl(), KEY));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve("err.log").toFile()).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().remove("OPENAI_LOG");
        builder.environment().putAll(env);
        Process child = builder.start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child did not finish in 60 s");
        }
        assertThat(Files.readString(dir.resolve("out.log"))).contains("status 200");
        return Files.readString(dir.resolve("err.log"));
    }

    @Test
    void debugPrintsEveryExchangeOnStandardErrorWithNoConfigurationAndNeverTheKey() throws Exception {
        String err = stderrOfARequest(Map.of("OPENAI_LOG", "debug"));

        String models = server.baseUrl() + "/models";
        assertThat(err).contains("--> GET " + models, "Authorization=<redacted>")
                .containsPattern("<-- 200 GET " + java.util.regex.Pattern.quote(models) + " in \\d+ ms \\{")
                .doesNotContain(KEY);
    }

    @Test
    void unsetPrintsNothing() throws Exception {
        assertThat(stderrOfARequest(Map.of())).isEmpty();
    }

    @Test
    void configuredJavaUtilLoggingKeepsTheLinesOnSystemLogger(@TempDir Path config) throws Exception {
        Path properties = Files.writeString(config.resolve("logging.properties"), "handlers=\n");

        String err = stderrOfARequest(Map.of("OPENAI_LOG", "debug"),
                "-Djava.util.logging.config.file=" + properties);

        assertThat(err).isEmpty(); // the configuration has no handler, so nothing is printed
    }

    @Test
    void theRuleForWhereLinesGo() {
        assertThat(Log.printsToStandardError(Level.DEBUG, null, false)).isTrue();
        assertThat(Log.printsToStandardError(Level.INFO, null, false)).isTrue();
        assertThat(Log.printsToStandardError(Level.WARNING, null, false)).isFalse();
        assertThat(Log.printsToStandardError(Level.DEBUG, null, true)).isFalse();
        assertThat(Log.printsToStandardError(Level.DEBUG, "logger", false)).isFalse();
        assertThat(Log.printsToStandardError(Level.WARNING, "stderr", true)).isTrue();
        assertThat(Log.isJdkLoggerFinder("sun.util.logging.internal.LoggingProviderImpl")).isTrue();
        assertThat(Log.isJdkLoggerFinder("org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder")).isFalse();
    }
}
