package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Manages uploaded files: list, upload, get, content, delete. */
@Command(name = "files", mixinStandardHelpOptions = true, description = "Manage uploaded files.",
        subcommands = {FilesCommand.ListFiles.class, FilesCommand.UploadFile.class, FilesCommand.GetFile.class,
                FilesCommand.Content.class, FilesCommand.DeleteFile.class})
final class FilesCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: list, upload, get, content or delete");
    }

    private static void print(picocli.CommandLine.Model.CommandSpec spec, JsonNode body) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(body.toPrettyString());
        out.flush();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List files.")
    static final class ListFiles implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            try (ClientOptions.Connection connection = options.connect()) {
                JsonNode body = ApiFailure.check(connection.client().files().list());
                if (options.json) {
                    print(spec, body);
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                body.path("data").forEach(f -> out.printf("%s\t%s\t%d bytes\t%s%n", f.path("id").asText(),
                        f.path("purpose").asText(), f.path("bytes").asLong(), f.path("filename").asText()));
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Upload a file.")
    static final class UploadFile implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Parameters(paramLabel = "FILE", description = "The file to upload.")
        Path file;
        @Option(names = "--purpose", defaultValue = "user_data", description = "Purpose (default: ${DEFAULT-VALUE}).")
        String purpose;

        @Override
        public Integer call() throws Exception {
            try (ClientOptions.Connection connection = options.connect()) {
                JsonNode body = ApiFailure.check(connection.client().files().upload(file, purpose));
                if (options.json) {
                    print(spec, body);
                } else {
                    spec.commandLine().getOut().println(body.path("id").asText());
                    spec.commandLine().getOut().flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a file's details.")
    static final class GetFile implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Parameters(paramLabel = "FILE_ID")
        String id;

        @Override
        public Integer call() {
            try (ClientOptions.Connection connection = options.connect()) {
                print(spec, ApiFailure.check(connection.client().files().get(id)));
                return 0;
            }
        }
    }

    @Command(name = "content", mixinStandardHelpOptions = true, description = "Print a file's content.")
    static final class Content implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Parameters(paramLabel = "FILE_ID")
        String id;

        @Override
        public Integer call() {
            try (ClientOptions.Connection connection = options.connect()) {
                // Bytes as they arrive: a file may be binary, and larger than memory.
                spec.commandLine().getOut().flush();
                connection.client().files().download(id, System.out);
                System.out.flush();
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a file.")
    static final class DeleteFile implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ClientOptions options;
        @Parameters(paramLabel = "FILE_ID")
        String id;

        @Override
        public Integer call() {
            try (ClientOptions.Connection connection = options.connect()) {
                JsonNode body = ApiFailure.check(connection.client().files().delete(id));
                if (options.json) {
                    print(spec, body);
                } else {
                    spec.commandLine().getOut().println("deleted " + body.path("id").asText());
                    spec.commandLine().getOut().flush();
                }
                return 0;
            }
        }
    }
}
