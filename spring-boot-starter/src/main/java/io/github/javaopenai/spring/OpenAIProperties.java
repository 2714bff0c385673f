package io.github.javaopenai.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code openai.*} properties the auto-configured client is built from. Every one is optional:
 * an unset property keeps the library's default, or the provider preset's.
 */
@ConfigurationProperties(prefix = "openai")
public class OpenAIProperties {

    /**
     * API key. When unset and the provider is OpenAI's (the default), the OPENAI_API_KEY
     * environment variable's. Local providers need none.
     */
    private String apiKey;

    /** Provider preset: openai, gemini, openrouter, groq, deepseek, mistral, ollama, vllm, lmstudio, llamacpp... */
    private String provider;

    /** Base URL every path is appended to; overrides the provider's. */
    private String baseUrl;

    /** Model sent when a call names none; overrides the provider's. */
    private String defaultModel;

    /** OpenAI-Organization header. */
    private String organization;

    /** OpenAI-Project header. */
    private String project;

    /** How long one attempt may wait for its response headers. Library default: 10 minutes. */
    private Duration timeout;

    /** How long connecting may take. Library default: 10 seconds. */
    private Duration connectTimeout;

    /** How long a stream or response body may deliver nothing before it fails. Library default: 10 minutes. */
    private Duration streamIdleTimeout;

    /** How long a whole call may take, retries included. Library default: none. */
    private Duration callTimeout;

    /** How often a failed request is tried again. Library default: 2. */
    private Integer maxRetries;

    /** Headers sent with every request. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** Whether listeners (and so traces) may see prompt and answer text. */
    private boolean listenerContent;

    private final OpenTelemetry opentelemetry = new OpenTelemetry();

    /** Settings of the OpenTelemetry listener registered when an OpenTelemetry bean exists. */
    public static class OpenTelemetry {

        /** Whether to register the OpenTelemetry listener when an OpenTelemetry bean exists. */
        private boolean enabled = true;

        /** Whether spans record prompts and answers; needs openai.listener-content=true too. */
        private boolean captureContent;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCaptureContent() {
            return captureContent;
        }

        public void setCaptureContent(boolean captureContent) {
            this.captureContent = captureContent;
        }
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getDefaultModel() {
        return defaultModel;
    }

    public void setDefaultModel(String defaultModel) {
        this.defaultModel = defaultModel;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public boolean isListenerContent() {
        return listenerContent;
    }

    public void setListenerContent(boolean listenerContent) {
        this.listenerContent = listenerContent;
    }

    public OpenTelemetry getOpentelemetry() {
        return opentelemetry;
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "OpenAIProperties{provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "absent" : "<redacted>") + "}";
    }
}
