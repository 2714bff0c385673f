package io.github.javaopenai.bench;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.okhttp.OkHttpTransport;

/**
 * This library over its OkHttp transport. A class of its own, so that a JVM whose class path
 * lacks OkHttp never loads it.
 */
final class OkHttpThisClient {

    private OkHttpThisClient() {
    }

    static BenchClient create(String baseUrl, int maxRetries) {
        return ThisClient.pull("THIS (OkHttp)", OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy")
                .transport(OkHttpTransport.create()).maxRetries(maxRetries).build());
    }
}
