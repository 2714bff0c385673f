/**
 * An optional transport for java-openai over OkHttp 5: {@link io.github.javaopenai.okhttp.OkHttpTransport}.
 */
module io.github.javaopenai.okhttp {
    requires transitive io.github.javaopenai;
    requires transitive okhttp3;
    requires okio;

    exports io.github.javaopenai.okhttp;
}
