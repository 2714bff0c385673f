package io.github.javaopenai.cli;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Holds the options every command shares: where to connect, which model, and how to print. */
final class ClientOptions {

    /** The provider name that selects the embedded offline server. */
    static final String OFFLINE = "offline";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Server base URL (default: $OPENAI_BASE_URL, else the OpenAI API).")
    String baseUrl;

    @Option(names = "--provider", paramLabel = "NAME", description = "Server preset: openai, gemini, openrouter,"
            + " groq, deepseek, mistral, ollama, vllm, llamacpp, lmstudio, or offline (the embedded server)."
            + " The key comes from the preset's own variable (e.g. $GEMINI_API_KEY); $OPENAI_API_KEY goes"
            + " only to openai.")
    String provider;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "Model to use.")
    String model;

    @Option(names = "--json", description = "Print the raw JSON answer.")
    boolean json;

    /** A client, and the embedded server behind it (with the client's own transport to it) when there is one. */
    record Connection(OpenAI client, FakeOpenAI server, Transport transport) implements AutoCloseable {
        boolean isOffline() {
            return server != null;
        }

        @Override
        public void close() {
            client.close();
            if (transport != null) {
                transport.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Connects as the options and environment say. With no API key and no base URL (or with
     * {@code --provider offline}) it starts the embedded server and says so on stderr in one line.
     */
    Connection connect() {
        Map<String, String> env = System.getenv();
        String url = baseUrl != null ? baseUrl : blankToNull(env.get("OPENAI_BASE_URL"));
        String key = blankToNull(env.get("OPENAI_API_KEY"));
        Provider preset = null;
        if (provider != null && !provider.equals(OFFLINE)) {
            try {
                preset = Providers.byName(provider);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage() + ", or offline (the embedded server)");
            }
            url = baseUrl; // the preset's URL, unless --base-url names another
            key = presetKey(preset, env, key);
        }
        boolean offline = OFFLINE.equals(provider) || (preset == null && url == null && key == null);
        if (offline && baseUrl == null) {
            FakeOpenAI server = FakeOpenAI.start();
            // The default transport reads plain-HTTP answers from its own sockets: no TLS set-up and
            // no HttpClient selector thread for the JVM's exit to wait for.
            Transport transport = JdkHttpTransport.create();
            try {
                OpenAI client = build(null, server.baseUrl(), FakeOpenAI.API_KEY, transport);
                PrintWriter err = spec.commandLine().getErr();
                err.println("java-openai: no OPENAI_API_KEY set, using the embedded offline server at "
                        + server.baseUrl() + " (answers are canned, not from a model)");
                err.flush();
                return new Connection(client, server, transport);
            } catch (RuntimeException e) {
                transport.close();
                server.close(); // a bad option: nothing will use the server
                throw e;
            }
        }
        return new Connection(build(preset, url, key, null), null, null);
    }

    private OpenAI build(Provider preset, String url, String key, Transport transport) {
        try {
            OpenAI.Builder builder = OpenAI.newBuilder();
            if (transport != null) {
                builder.transport(transport);
            }
            if (preset != null) {
                builder.provider(preset);
            }
            builder.apiKey(key);
            if (url != null) {
                builder.baseUrl(url);
            }
            if (model != null) {
                builder.defaultModel(model);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Returns the key in the preset's own variable ({@code GEMINI_API_KEY} for gemini). The OpenAI
     * key is used only for the openai preset: it must never travel to another company's server.
     */
    static String presetKey(Provider preset, Map<String, String> env, String openAiKey) {
        String variable = preset.name().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_API_KEY";
        String own = blankToNull(env.get(variable));
        return own != null ? own : "openai".equals(preset.name()) ? openAiKey : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
