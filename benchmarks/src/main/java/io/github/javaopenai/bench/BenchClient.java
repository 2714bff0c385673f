package io.github.javaopenai.bench;

/**
 * One way of talking to the loopback server, measured against the others. Each call returns the
 * number of content characters it received, which must be the same for every client.
 */
interface BenchClient extends AutoCloseable {

    /** The system prompt every client sends. */
    String SYSTEM = "You are a Lua programmer";

    /** The user prompt every client sends. */
    String USER = "Write a 'Hello world' program in Lua, and greet me in German — grüß Gott!";

    /** The model every client asks for. */
    String MODEL = "gpt-4o-mini";

    /** Returns the client's label, as shown in tables. */
    String name();

    /** Streams one chat completion and returns the content characters of its chunks. */
    long stream() throws Exception;

    /** Sends one non-streamed chat completion and returns the characters of its content. */
    long complete() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
