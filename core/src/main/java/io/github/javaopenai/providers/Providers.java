package io.github.javaopenai.providers;

import static io.github.javaopenai.providers.Capability.CHAT_COMPLETIONS;
import static io.github.javaopenai.providers.Capability.COMPLETIONS;
import static io.github.javaopenai.providers.Capability.EMBEDDINGS;
import static io.github.javaopenai.providers.Capability.FILES;
import static io.github.javaopenai.providers.Capability.IMAGES;
import static io.github.javaopenai.providers.Capability.MODELS;
import static io.github.javaopenai.providers.Capability.RESPONSES;
import static io.github.javaopenai.providers.Capability.STREAMING;
import static io.github.javaopenai.providers.Capability.STRUCTURED_OUTPUTS;
import static io.github.javaopenai.providers.Capability.TOOLS;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Creates the {@link Provider} profiles of well-known servers that speak the OpenAI API.
 *
 * <p>Base URLs, default models and capabilities are those the providers document at the time of
 * this release; every one of them can be changed with the profile's {@code with…} methods.
 * Local servers need no key: a key is sent only when the client has one. These profiles are the
 * one home of the defaults: the client's base URL, default model and embedding model come from
 * the profile it is built with, {@link #openAi()} unless another is chosen.
 *
 * @since 0.1
 */
public final class Providers {

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<Capability> CHAT = EnumSet.of(CHAT_COMPLETIONS, MODELS, STREAMING, TOOLS);

    private Providers() {
    }

    /**
     * Returns OpenAI itself: {@code https://api.openai.com/v1}, bearer auth, {@code gpt-4.1} and
     * {@code text-embedding-3-small}; every capability.
     */
    public static Provider openAi() {
        return new Provider("openai", "https://api.openai.com/v1", Auth.bearer(), Map.of(), Map.of(),
                "gpt-4.1", "text-embedding-3-small", EnumSet.allOf(Capability.class));
    }

    /**
     * Returns Google Gemini's OpenAI-compatible endpoint:
     * {@code https://generativelanguage.googleapis.com/v1beta/openai}, the Gemini API key as a
     * bearer token, {@code gemini-2.5-flash} and {@code gemini-embedding-001}.
     */
    public static Provider gemini() {
        return new Provider("gemini", "https://generativelanguage.googleapis.com/v1beta/openai", Auth.bearer(),
                Map.of(), Map.of(), "gemini-2.5-flash", "gemini-embedding-001",
                plus(CHAT, EMBEDDINGS, IMAGES, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns OpenRouter: {@code https://openrouter.ai/api/v1}, bearer auth,
     * {@code openai/gpt-4.1} and {@code openai/text-embedding-3-small}. OpenRouter's optional
     * attribution headers can be added with {@code withHeader("HTTP-Referer", ...)} and
     * {@code withHeader("X-Title", ...)}.
     */
    public static Provider openRouter() {
        return new Provider("openrouter", "https://openrouter.ai/api/v1", Auth.bearer(), Map.of(), Map.of(),
                "openai/gpt-4.1", "openai/text-embedding-3-small",
                plus(CHAT, COMPLETIONS, RESPONSES, EMBEDDINGS, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns one Azure OpenAI deployment:
     * {@code https://{resource}.openai.azure.com/openai/deployments/{deployment}}, with
     * {@code api-version} on every request's query string and the key in the {@code api-key}
     * header. Azure routes by the deployment in the path, so the deployment name is also sent as
     * the model. For Microsoft Entra ID, replace the auth:
     * {@code .withAuth(Auth.bearerToken(tokenSupplier))}.
     *
     * @param resource the Azure resource name, the first label of its host name
     * @param deployment the deployment name
     * @param apiVersion the API version, such as {@code "2024-10-21"}
     * @throws IllegalArgumentException when a value is blank or cannot appear in the URL
     */
    public static Provider azure(String resource, String deployment, String apiVersion) {
        String host = azureHost(resource);
        String checkedDeployment = checkedName(deployment, "deployment");
        String checkedVersion = checkedName(apiVersion, "apiVersion");
        return new Provider("azure", host + "/openai/deployments/" + checkedDeployment, Auth.header("api-key"),
                Map.of(), Map.of("api-version", checkedVersion), checkedDeployment, checkedDeployment,
                plus(CHAT, COMPLETIONS, EMBEDDINGS, IMAGES, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns an Azure OpenAI resource through its v1 API:
     * {@code https://{resource}.openai.azure.com/openai/v1}, with no {@code api-version} and the
     * key in the {@code api-key} header. The model sent is a deployment name; there is no default,
     * so set one with {@code withDefaultModel(deployment)} or pass {@code model} per request.
     *
     * @throws IllegalArgumentException when the resource name is blank or not a host name label
     */
    public static Provider azureV1(String resource) {
        return new Provider("azure-v1", azureHost(resource) + "/openai/v1", Auth.header("api-key"), Map.of(),
                Map.of(), null, null, plus(CHAT, RESPONSES, EMBEDDINGS, IMAGES, FILES, STRUCTURED_OUTPUTS));
    }

    /** Returns Groq: {@code https://api.groq.com/openai/v1}, bearer auth, {@code llama-3.3-70b-versatile}. */
    public static Provider groq() {
        return new Provider("groq", "https://api.groq.com/openai/v1", Auth.bearer(), Map.of(), Map.of(),
                "llama-3.3-70b-versatile", null, plus(CHAT, RESPONSES, STRUCTURED_OUTPUTS));
    }

    /** Returns DeepSeek: {@code https://api.deepseek.com}, bearer auth, {@code deepseek-chat}. */
    public static Provider deepSeek() {
        return new Provider("deepseek", "https://api.deepseek.com", Auth.bearer(), Map.of(), Map.of(),
                "deepseek-chat", null, plus(CHAT, COMPLETIONS));
    }

    /**
     * Returns Mistral: {@code https://api.mistral.ai/v1}, bearer auth,
     * {@code mistral-large-latest} and {@code mistral-embed}.
     */
    public static Provider mistral() {
        return new Provider("mistral", "https://api.mistral.ai/v1", Auth.bearer(), Map.of(), Map.of(),
                "mistral-large-latest", "mistral-embed", plus(CHAT, EMBEDDINGS, FILES, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns a local Ollama: {@code http://localhost:11434/v1}, no key needed,
     * {@code llama3.2} and {@code nomic-embed-text} (models must be pulled first).
     */
    public static Provider ollama() {
        return local("ollama", "http://localhost:11434/v1", "llama3.2", "nomic-embed-text");
    }

    /**
     * Returns a local vLLM server: {@code http://localhost:8000/v1}, no key needed (a key is sent
     * if the server was started with {@code --api-key} and the client has one), and no default
     * model: the server answers with the model it serves.
     */
    public static Provider vllm() {
        return local("vllm", "http://localhost:8000/v1", null, null).withCapabilities(
                plus(CHAT, COMPLETIONS, RESPONSES, EMBEDDINGS, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns a local llama.cpp server ({@code llama-server}): {@code http://localhost:8080/v1},
     * no key needed, and no default model: the server answers with the model it loaded.
     */
    public static Provider llamaCpp() {
        return local("llama.cpp", "http://localhost:8080/v1", null, null);
    }

    /**
     * Returns a local LM Studio server: {@code http://localhost:1234/v1}, no key needed, and no
     * default model: name the loaded model with {@code withDefaultModel} if the server asks for
     * one.
     */
    public static Provider lmStudio() {
        return local("lmstudio", "http://localhost:1234/v1", null, null).withCapabilities(
                plus(CHAT, COMPLETIONS, RESPONSES, EMBEDDINGS, STRUCTURED_OUTPUTS));
    }

    /**
     * Returns the preset with the given name, ignoring case, dashes, underscores and dots:
     * {@code openai}, {@code gemini}, {@code openrouter}, {@code groq}, {@code deepseek},
     * {@code mistral}, {@code ollama}, {@code vllm}, {@code llamacpp} ({@code llama.cpp}) and
     * {@code lmstudio} ({@code lm-studio}).
     *
     * @throws IllegalArgumentException naming the known names when the name is unknown, or
     *     saying what to call instead for {@code azure}, which needs a resource and deployment
     */
    public static Provider byName(String name) {
        Objects.requireNonNull(name, "name == null");
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[-_. ]", "");
        Supplier<Provider> preset = switch (key) {
            case "openai" -> Providers::openAi;
            case "gemini", "google" -> Providers::gemini;
            case "openrouter" -> Providers::openRouter;
            case "groq" -> Providers::groq;
            case "deepseek" -> Providers::deepSeek;
            case "mistral" -> Providers::mistral;
            case "ollama" -> Providers::ollama;
            case "vllm" -> Providers::vllm;
            case "llamacpp", "llamaserver" -> Providers::llamaCpp;
            case "lmstudio" -> Providers::lmStudio;
            default -> null;
        };
        if (key.startsWith("azure")) {
            throw new IllegalArgumentException("provider \"" + name + "\" needs a resource name: use "
                    + "Providers.azure(resource, deployment, apiVersion) or Providers.azureV1(resource)");
        }
        if (preset == null) {
            throw new IllegalArgumentException("unknown provider \"" + name + "\"; known: openai, gemini, "
                    + "openrouter, groq, deepseek, mistral, ollama, vllm, llamacpp, lmstudio");
        }
        return preset.get();
    }

    private static Provider local(String name, String baseUrl, String model, String embeddingModel) {
        return new Provider(name, baseUrl, Auth.bearer(), Map.of(), Map.of(), model, embeddingModel,
                plus(CHAT, COMPLETIONS, EMBEDDINGS, STRUCTURED_OUTPUTS));
    }

    private static Set<Capability> plus(Set<Capability> base, Capability... more) {
        EnumSet<Capability> all = EnumSet.copyOf(base);
        all.addAll(Set.of(more));
        return all;
    }

    private static String azureHost(String resource) {
        Objects.requireNonNull(resource, "resource == null");
        if (!HOST_LABEL.matcher(resource).matches()) {
            throw new IllegalArgumentException("Azure resource name must be letters, digits and inner dashes "
                    + "(the first label of <resource>.openai.azure.com): \"" + resource + "\"");
        }
        return "https://" + resource + ".openai.azure.com";
    }

    private static String checkedName(String value, String what) {
        Objects.requireNonNull(value, what + " == null");
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '.', '_' or '-': \"" + value + "\"");
        }
        return value;
    }
}
