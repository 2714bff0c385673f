/**
 * java-openai testkit: an embedded OpenAI-compatible server, record/replay transports and a
 * fault-injection server, for testing code that uses the client without the real API.
 */
module io.github.javaopenai.testkit {
    requires transitive io.github.javaopenai;
    requires jdk.httpserver;

    exports io.github.javaopenai.testkit;
    exports io.github.javaopenai.testkit.faults;
}
