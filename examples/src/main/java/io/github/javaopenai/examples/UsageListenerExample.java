package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.listener.OpenAIListener;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** A listener that prints each call's model, tokens and time: the start of cost accounting. */
public final class UsageListenerExample {

    private UsageListenerExample() {
    }

    /** Runs the example against the server the environment names. */
    public static void main(String[] args) {
        try (OpenAI client = OpenAI.fromEnv()) {
            run(client, System.out);
        }
    }

    static void run(OpenAI configured, PrintStream out) {
        OpenAI client = configured.toBuilder().listener(new UsagePrinter(out)).build();
        client.createChatCompletion(List.of(Messages.user("Say hello")), Map.of("model", "gpt-4.1-mini"));
    }

    /** Prints one line per finished or failed call. */
    static final class UsagePrinter implements OpenAIListener {
        private final PrintStream out;

        UsagePrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onFinish(Call call, CallResult result) {
            long millis = (System.nanoTime() - call.startNanos()) / 1_000_000;
            out.printf("%s %s: %d input + %d output tokens in %d ms%n", call.operation(), result.responseModel(),
                    result.usage() == null ? 0 : result.usage().inputTokens(),
                    result.usage() == null ? 0 : result.usage().outputTokens(), millis);
        }

        @Override
        public void onError(Call call, Throwable error) {
            out.printf("%s %s failed: %s%n", call.operation(), call.requestModel(), error.getClass().getSimpleName());
        }
    }
}
