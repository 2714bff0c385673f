package io.github.javaopenai.bench;

/**
 * A whole program for the cold-start scenario: builds one client, sends one chat completion,
 * prints the answer's length and exits. Run as {@code ColdStart <client> <baseUrl>}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /** Runs one request with the named client. */
    public static void main(String[] args) throws Exception {
        try (BenchClient client = Clients.of(args[0]).create(args[1])) {
            System.out.println("answer: " + client.complete() + " chars");
        }
        System.exit(0); // do not wait for idle pool threads to time out
    }
}
