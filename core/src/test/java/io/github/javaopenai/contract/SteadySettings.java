package io.github.javaopenai.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the Steady mock server comes from and how long it may take, resolved from the build.
 *
 * <p>The spec is {@code <repo root>/spec/openai-openapi.yml} unless the system
 * property {@code steady.spec} names another file. Steady is installed into {@code <repo
 * root>/.cache/steady}, and its logs go to {@code <module>/target/steady}.
 *
 * @param repoRoot the directory holding {@code .ci} and the parent pom
 * @param spec the OpenAPI file to serve
 * @param installDir the npm prefix Steady is installed into
 * @param logDir where the npm and server logs go
 */
record SteadySettings(Path repoRoot, Path spec, Path installDir, Path logDir) {

    /** The npm package and exact version the tests are written against. */
    static final String PACKAGE = "@stdy/cli";

    static final String VERSION = "0.22.1";

    /** Bounds {@code npm install}, which takes a few seconds on a warm network. */
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

    /** Bounds the first start; the server is ready in about half a second. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Resolves the settings for this test JVM; surefire sets {@code basedir} to the module
     * directory.
     */
    static SteadySettings fromSystem() throws SteadyUnavailableException {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path root = findRepoRoot(moduleDir);
        String specProperty = System.getProperty("steady.spec", "");
        Path spec = specProperty.isBlank()
                ? root.resolve("spec/openai-openapi.yml")
                : Path.of(specProperty);
        return new SteadySettings(
                root,
                spec.toAbsolutePath().normalize(),
                root.resolve(".cache/steady"),
                moduleDir.toAbsolutePath().resolve("target/steady"));
    }

    /** Returns whether the tests run in CI, where an unavailable server fails the build. */
    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Walks up from {@code start} to the first directory that holds {@code .ci} or a pom listing
     * {@code <modules>}.
     */
    static Path findRepoRoot(Path start) throws SteadyUnavailableException {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".ci")) || isAggregatorPom(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new SteadyUnavailableException(
                "no repository root (a directory with .ci or a pom with <modules>) above " + start);
    }

    private static boolean isAggregatorPom(Path pom) {
        try {
            return Files.isRegularFile(pom)
                    && Files.readString(pom, StandardCharsets.UTF_8).contains("<modules>");
        } catch (IOException e) {
            return false;
        }
    }
}
