package io.github.javaopenai.providers;

import io.github.javaopenai.transport.Headers;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Describes a server that speaks the OpenAI API: where it is, how the key is sent, what every
 * request carries besides, which models it uses unless told otherwise, and what it serves.
 *
 * <p>Presets live in {@link Providers}; pass one to
 * {@link io.github.javaopenai.OpenAI.Builder#provider(Provider)}. Derive variants with the
 * {@code with…} methods, which return copies:
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder()
 *     .provider(Providers.ollama().withDefaultModel("qwen3"))
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} hides the values of credential
 * headers.
 *
 * @param name a short name, such as {@code "gemini"}
 * @param baseUrl the URL every path is appended to; the client checks it when it is built
 * @param auth how the API key (or a token) is sent
 * @param headers headers sent with every request, before the client's own extra headers
 * @param queryParameters query parameters added to every request's URL, such as Azure's
 *     {@code api-version}
 * @param defaultModel the model sent when a request names none, or null to send no model and let
 *     the server use the one it has loaded
 * @param defaultEmbeddingModel the model {@code embedding} sends when the options name none, or
 *     null to send none
 * @param capabilities what the provider serves; information only, never enforced
 * @since 0.1
 */
public record Provider(
        String name,
        String baseUrl,
        Auth auth,
        Map<String, String> headers,
        Map<String, String> queryParameters,
        String defaultModel,
        String defaultEmbeddingModel,
        Set<Capability> capabilities) {

    /** Checks the values and makes defensive, order-keeping copies. */
    public Provider {
        Objects.requireNonNull(name, "name == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("provider name is blank");
        }
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        Objects.requireNonNull(auth, "auth == null");
        headers = copy(headers, "headers");
        queryParameters = copy(queryParameters, "queryParameters");
        capabilities = copy(capabilities);
    }

    /**
     * Returns a provider with the given name and base URL, OpenAI-style bearer auth, no default
     * models and no declared capabilities: a starting point for a server without a preset.
     */
    public static Provider of(String name, String baseUrl) {
        return new Provider(name, baseUrl, Auth.bearer(), Map.of(), Map.of(), null, null, Set.of());
    }

    /** Returns whether the provider declares the capability. */
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Returns a copy with another base URL, for a proxy, a gateway or a test server. */
    public Provider withBaseUrl(String baseUrl) {
        return new Provider(name, baseUrl, auth, headers, queryParameters, defaultModel, defaultEmbeddingModel,
                capabilities);
    }

    /** Returns a copy that sends its credential another way. */
    public Provider withAuth(Auth auth) {
        return new Provider(name, baseUrl, auth, headers, queryParameters, defaultModel, defaultEmbeddingModel,
                capabilities);
    }

    /** Returns a copy that sends one more header (or another value for it) with every request. */
    public Provider withHeader(String name, String value) {
        return new Provider(this.name, baseUrl, auth, with(headers, name, value), queryParameters, defaultModel,
                defaultEmbeddingModel, capabilities);
    }

    /** Returns a copy that adds one more query parameter (or another value for it) to every URL. */
    public Provider withQueryParameter(String name, String value) {
        return new Provider(this.name, baseUrl, auth, headers, with(queryParameters, name, value), defaultModel,
                defaultEmbeddingModel, capabilities);
    }

    /** Returns a copy with another default chat model; null sends no model. */
    public Provider withDefaultModel(String defaultModel) {
        return new Provider(name, baseUrl, auth, headers, queryParameters, defaultModel, defaultEmbeddingModel,
                capabilities);
    }

    /** Returns a copy with another default embedding model; null sends no model. */
    public Provider withDefaultEmbeddingModel(String defaultEmbeddingModel) {
        return new Provider(name, baseUrl, auth, headers, queryParameters, defaultModel, defaultEmbeddingModel,
                capabilities);
    }

    /** Returns a copy that declares the given capabilities instead of its own. */
    public Provider withCapabilities(Collection<Capability> capabilities) {
        return new Provider(name, baseUrl, auth, headers, queryParameters, defaultModel, defaultEmbeddingModel,
                Set.copyOf(capabilities));
    }

    /** Returns the profile with the values of credential headers hidden. */
    @Override
    public String toString() {
        String shownHeaders = headers.entrySet().stream()
                .map(e -> e.getKey() + "=" + (Headers.isSensitive(e.getKey()) ? "<redacted>" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return "Provider[name=" + name + ", baseUrl=" + baseUrl + ", auth=" + auth + ", headers=" + shownHeaders
                + ", queryParameters=" + queryParameters + ", defaultModel=" + defaultModel
                + ", defaultEmbeddingModel=" + defaultEmbeddingModel + ", capabilities=" + capabilities + "]";
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> copy(Map<String, String> map, String what) {
        Objects.requireNonNull(map, what + " == null");
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " name == null"),
                Objects.requireNonNull(v, what + " value of \"" + k + "\" == null")));
        return Collections.unmodifiableMap(copy);
    }

    private static Set<Capability> copy(Set<Capability> capabilities) {
        Objects.requireNonNull(capabilities, "capabilities == null");
        EnumSet<Capability> copy = EnumSet.noneOf(Capability.class);
        capabilities.forEach(c -> copy.add(Objects.requireNonNull(c, "capability == null")));
        return Collections.unmodifiableSet(copy);
    }
}
