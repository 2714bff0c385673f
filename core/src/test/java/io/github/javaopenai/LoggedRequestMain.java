package io.github.javaopenai;

/** Makes one request with a fresh JVM's default logging, for {@link LoggingOutOfTheBoxTest}. */
public final class LoggedRequestMain {

    private LoggedRequestMain() {
    }

    /** Arguments: the base URL and the API key. */
    public static void main(String[] args) {
        try (OpenAI client = OpenAI.newBuilder().baseUrl(args[0]).apiKey(args[1]).build()) {
            System.out.println("status " + client.models().list().status());
        }
    }
}
