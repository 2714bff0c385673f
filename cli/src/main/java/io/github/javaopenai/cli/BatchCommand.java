package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.batch.BatchJob;
import io.github.javaopenai.batch.BatchListener;
import io.github.javaopenai.batch.JobReport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a JSONL file of requests as batches, optionally waiting for every result with a progress bar. */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "Run batches of requests.",
        subcommands = {BatchCommand.Submit.class, BatchCommand.Resume.class})
final class BatchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: submit or resume");
    }

    /** The options of a job that waits for its results. */
    static final class JobOptions {
        @Option(names = "--poll", paramLabel = "SECONDS", description = "First pause between polls (default: 5, offline 0.1).")
        Double poll;
        @Option(names = "--parallel", paramLabel = "N", description = "Batches running at once (default: 4).")
        int parallel = 4;
        @Option(names = "--max-attempts", paramLabel = "N",
                description = "Submissions of a request that expired or met a 429 or 5xx (default: 3).")
        int maxAttempts = 3;
        @Option(names = "--keep-files", description = "Keep the input, output and error files at the API.")
        boolean keepFiles;

        BatchJob job(OpenAI client, boolean offline, BatchListener listener) {
            double first = poll != null ? poll : offline ? 0.1 : 5;
            Duration pause = Duration.ofMillis(Math.max(1, (long) (1000 * first)));
            Duration longest = offline || poll != null ? pause.multipliedBy(4) : BatchJob.DEFAULT_MAX_PAUSE;
            return BatchJob.newBuilder(client.files(), client.batches()).pauses(pause, longest).maxInFlight(parallel)
                    .maxAttempts(maxAttempts).keepFiles(keepFiles).listener(listener).build();
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Upload FILE.jsonl, start a batch on the endpoint its lines name, and print the batch id.",
                "With --wait, run a file of any size as as many batches as the API's limits need, and write every"
                        + " result once, to --output or stdout; --manifest lets `batch resume` finish after a crash."})
    static final class Submit implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Mixin
        JobOptions job;
        @Parameters(paramLabel = "FILE.jsonl", description = "One request per line: custom_id, method, url, body.")
        Path file;
        @Option(names = "--wait", description = "Wait for every result, showing progress.")
        boolean await;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "With --wait: write the results here, one JSON line per request (default: stdout).")
        Path output;
        @Option(names = "--manifest", paramLabel = "FILE",
                description = "With --wait: keep the job's state here (default: OUTPUT.manifest, or a temporary file).")
        Path manifest;

        @Override
        public Integer call() throws Exception {
            try (ClientOptions.Connection connection = options.connect()) {
                OpenAI client = connection.client();
                PrintWriter out = spec.commandLine().getOut();
                if (!await) {
                    String inputId = ApiFailure.check(client.files().upload(file, "batch")).path("id").asText();
                    JsonNode batch = ApiFailure.check(client.batches().create(inputId, endpoint(file), Map.of()));
                    out.println(options.json ? batch.toPrettyString() : batch.path("id").asText());
                    out.flush();
                    return 0;
                }
                if (connection.isOffline()) {
                    connection.server().logRequests(false); // a long job's uploads would fill the heap
                }
                Path results = output != null ? output : Files.createTempFile("java-openai-batch", ".jsonl");
                Path state = manifest != null ? manifest : output != null
                        ? output.resolveSibling(output.getFileName() + ".manifest")
                        : Files.createTempFile("java-openai-batch", ".manifest");
                ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
                JobReport report;
                try {
                    report = job.job(client, connection.isOffline(), bar).runAll(file, results, state);
                } finally {
                    bar.end();
                }
                if (output == null) {
                    copy(results, out);
                    Files.deleteIfExists(results);
                }
                Files.deleteIfExists(state);
                return summary(report, spec.commandLine().getErr());
            }
        }

        private static String endpoint(Path file) throws Exception {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        JsonNode request = CliJson.MAPPER.readTree(line);
                        if (request.path("url").isTextual()) {
                            return request.get("url").asText();
                        }
                        break;
                    }
                }
            }
            throw new IllegalArgumentException("the first line of " + file + " names no \"url\"");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Finish a `batch submit --wait` job that stopped, from its manifest: nothing lost or written twice.")
    static final class Resume implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Mixin
        JobOptions job;
        @Parameters(paramLabel = "MANIFEST", description = "The manifest the job was started with.")
        Path manifest;

        @Override
        public Integer call() throws Exception {
            try (ClientOptions.Connection connection = options.connect()) {
                ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
                JobReport report;
                try {
                    report = job.job(connection.client(), connection.isOffline(), bar).resume(manifest);
                } finally {
                    bar.end();
                }
                Files.deleteIfExists(manifest);
                return summary(report, spec.commandLine().getErr());
            }
        }
    }

    private static void copy(Path results, PrintWriter out) throws Exception {
        try (InputStream in = Files.newInputStream(results);
                BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
            }
        }
        out.flush();
    }

    /** Says what the job did on stderr; exits 1 when any request failed, so that scripts notice. */
    private static int summary(JobReport report, PrintWriter err) {
        err.println(report.requests() + " results (" + report.failed() + " failed) from " + report.batches()
                + " batches" + " -> " + report.output());
        err.flush();
        return report.failed() > 0 ? 1 : 0;
    }
}
