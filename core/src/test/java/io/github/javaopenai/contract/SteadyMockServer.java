package io.github.javaopenai.contract;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs the Steady mock server, which serves the OpenAI OpenAPI spec
 * and validates every request against it, and injects itself into test parameters.
 *
 * <pre>{@code
 * @ExtendWith(SteadyMockServer.class)
 * class ModelsContractTest {
 *   @Test
 *   void listsModels(SteadyMockServer steady) {
 *     URI baseUrl = steady.baseUrl(); // http://127.0.0.1:<port>, no /v1
 *   }
 * }
 * }</pre>
 *
 * <p>One server serves the whole test run: the first test class to need it installs Steady
 * from npm if the cache lacks it, starts it on a free loopback port and keeps it in the root
 * extension context, which stops it when the run ends. The server log is {@code
 * target/steady/steady.log}.
 *
 * <p>If the server cannot start (no Node.js or npm, no spec, a failed install), the reason is
 * printed to stderr once and every test using the extension is skipped with that reason; with
 * the environment variable {@code CI=true} each fails instead, so CI never passes without its
 * contract tests. The attempt is made once per run, not once per test.
 *
 * <p>Thread-safe: parallel test classes share the one server.
 */
public final class SteadyMockServer implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SteadyMockServer.class);

    private volatile SteadyProcess process;

    /** Creates the extension; JUnit calls this once per {@code @ExtendWith}. */
    public SteadyMockServer() {}

    /**
     * Returns the server root, such as {@code http://127.0.0.1:41234}, with no {@code /v1} and no
     * trailing slash: spec paths like {@code /models} go right after it.
     */
    public URI baseUrl() {
        SteadyProcess running = process;
        if (running == null) {
            throw new IllegalStateException(
                    "Steady is not started: use @ExtendWith(SteadyMockServer.class)");
        }
        return running.baseUrl();
    }

    /** Returns the address of {@code path}, which starts with a slash, on this server. */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create(baseUrl() + path);
    }

    /** Starts the server if this run has not yet, or skips or fails the test if it cannot. */
    @Override
    public void beforeEach(ExtensionContext context) {
        bind(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SteadyMockServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        bind(context);
        return this;
    }

    private void bind(ExtensionContext context) {
        Startup startup = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Startup.class, key -> Startup.attempt(), Startup.class);
        process = startup.runningOrAbort();
    }

    /**
     * The outcome of the one start attempt per run: a running server, or why there is none.
     * JUnit closes it when the root context closes.
     */
    private record Startup(SteadyProcess process, String failure) implements AutoCloseable {

        static Startup attempt() {
            long started = System.nanoTime();
            try {
                SteadyProcess process = start(SteadySettings.fromSystem());
                System.err.printf("[steady] %s ready at %s in %d ms%n", SteadySettings.VERSION,
                        process.baseUrl(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return new Startup(process, null);
            } catch (SteadyUnavailableException e) {
                String reason = "Steady mock server unavailable: " + e.getMessage();
                System.err.println("[steady] " + reason + (SteadySettings.isCi()
                        ? " (CI=true: contract tests fail)"
                        : " (contract tests are skipped; CI=true makes this a failure)"));
                return new Startup(null, reason);
            }
        }

        private static SteadyProcess start(SteadySettings settings) throws SteadyUnavailableException {
            if (!Files.isRegularFile(settings.spec())) {
                throw new SteadyUnavailableException("no OpenAPI spec at " + settings.spec());
            }
            Path node = SteadyInstaller.findOnPath("node")
                    .orElseThrow(() -> new SteadyUnavailableException("node is not on the PATH"));
            Path launcher = SteadyInstaller.ensureInstalled(settings);
            return SteadyProcess.start(settings, node, launcher);
        }

        SteadyProcess runningOrAbort() {
            if (process != null) {
                return process;
            }
            if (SteadySettings.isCi()) {
                return Assertions.fail(failure);
            }
            return Assumptions.abort(failure);
        }

        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }
}
