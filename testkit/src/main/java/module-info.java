/**
 * java-openai testkit: an embedded OpenAI-compatible server and record/replay transports for
 * testing code that uses the client without the real API.
 */
module io.github.javaopenai.testkit {
    requires transitive io.github.javaopenai;
    requires jdk.httpserver;

    exports io.github.javaopenai.testkit;
}
