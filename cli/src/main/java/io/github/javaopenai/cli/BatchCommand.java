package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a JSONL file of requests as a batch, optionally waiting for it with a progress bar. */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "Run batches of requests.",
        subcommands = BatchCommand.Submit.class)
final class BatchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: submit");
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Upload FILE.jsonl, start a batch on the endpoint its lines name, and print the batch id.")
    static final class Submit implements Callable<Integer> {

        private static final Set<String> DONE = Set.of("completed", "failed", "expired", "cancelled");

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Parameters(paramLabel = "FILE.jsonl", description = "One request per line: custom_id, method, url, body.")
        Path file;
        @Option(names = "--wait", description = "Wait for the batch to finish, showing progress, and print its output.")
        boolean await;
        @Option(names = "--poll", paramLabel = "SECONDS", description = "Seconds between polls (default: 5, offline 0.1).")
        Double poll;

        @Override
        public Integer call() throws Exception {
            String endpoint = endpoint(file);
            try (ClientOptions.Connection connection = options.connect()) {
                OpenAI client = connection.client();
                String inputId = ApiFailure.check(client.files().upload(file, "batch")).path("id").asText();
                JsonNode batch = ApiFailure.check(client.batches().create(inputId, endpoint, Map.of()));
                PrintWriter out = spec.commandLine().getOut();
                PrintWriter err = spec.commandLine().getErr();
                String id = batch.path("id").asText();
                if (!await) {
                    out.println(options.json ? batch.toPrettyString() : id);
                    out.flush();
                    return 0;
                }
                Duration interval = Duration.ofMillis((long) (1000 * (poll != null ? poll
                        : connection.isOffline() ? 0.1 : 5)));
                ProgressBar bar = new ProgressBar(err);
                while (!DONE.contains(batch.path("status").asText())) {
                    bar.show(batch);
                    Thread.sleep(interval.toMillis());
                    batch = ApiFailure.check(client.batches().get(id));
                }
                bar.show(batch);
                bar.end();
                return report(client, batch, out);
            }
        }

        private int report(OpenAI client, JsonNode batch, PrintWriter out) {
            if (options.json) {
                out.println(batch.toPrettyString());
            }
            if (!batch.path("status").asText().equals("completed")) {
                throw new ApiFailure("batch " + batch.path("id").asText() + " ended " + batch.path("status").asText()
                        + (batch.has("errors") ? ": " + batch.path("errors").path("data") : ""));
            }
            if (!options.json && batch.path("output_file_id").isTextual()) {
                var output = client.request("GET", "/files/" + batch.get("output_file_id").asText() + "/content", null);
                out.print(ApiFailure.check(output).isTextual() ? output.bodyText() : output.body().toString() + "\n");
            }
            out.flush();
            return 0;
        }

        private static String endpoint(Path file) throws Exception {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode request = CliJson.MAPPER.readTree(line);
                    if (request.path("url").isTextual()) {
                        return request.get("url").asText();
                    }
                    break;
                }
            }
            throw new IllegalArgumentException("the first line of " + file + " names no \"url\"");
        }
    }
}
