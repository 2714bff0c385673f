package io.github.javaopenai.cli;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.OpenAIException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Runs the {@code java-openai} command line.
 *
 * <p>Exit codes: 0 success, 1 an API or connection error (its message printed, never a stack
 * trace), 2 a usage error (with the usage printed).
 */
@Command(name = "java-openai", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Talk to the OpenAI API, or any server that speaks it, from the command line.",
        subcommands = {ChatCommand.class, RealtimeCommand.class, ModelsCommand.class, EmbedCommand.class, ModerateCommand.class,
                FilesCommand.class, ImageCommand.class, BatchCommand.class, DemoCommand.class})
public final class Main implements Runnable {

    /** Exit code for an API or connection error. */
    static final int API_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("java-openai: " + message(e));
            commandLine.getErr().flush();
            return API_ERROR;
        });
        return cli;
    }

    private static String message(Exception e) {
        if (e instanceof ApiFailure || e instanceof OpenAIException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Reports the library's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"java-openai " + OpenAI.VERSION};
        }
    }
}
