package io.github.javaopenai.cli;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.OpenAIException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Runs the {@code java-openai} command line.
 *
 * <p>Exit codes: 0 success, 1 an API or connection error (its message printed, never a stack
 * trace), 2 a usage error (with the usage printed).
 */
@Command(name = "java-openai", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Talk to the OpenAI API, or any server that speaks it, from the command line.")
public final class Main implements Runnable {

    /** A command, by the name its {@code @Command} gives it. */
    record Subcommand(String name, Class<?> type) {
    }

    /** Every command, in the order the usage lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand("chat", ChatCommand.class),
            new Subcommand("realtime", RealtimeCommand.class), new Subcommand("models", ModelsCommand.class),
            new Subcommand("embed", EmbedCommand.class), new Subcommand("moderate", ModerateCommand.class),
            new Subcommand("files", FilesCommand.class), new Subcommand("image", ImageCommand.class),
            new Subcommand("batch", BatchCommand.class), new Subcommand("demo", DemoCommand.class));

    /** Exit code for an API or connection error. */
    static final int API_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** Returns the command line with every command. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * Returns the command line for these arguments. When they start with a command's name only
     * that command is added: picocli reads each command's annotations, fields and mixins when it
     * is added, the larger part of a short command's start. Otherwise (no command, an option
     * first, a misspelled name) every command is there, for the usage and the suggestions.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : null;
        List<Subcommand> named = SUBCOMMANDS.stream().filter(command -> command.name().equals(first)).toList();
        for (Subcommand command : named.isEmpty() ? SUBCOMMANDS : named) {
            cli.addSubcommand(command.name(), command.type());
        }
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
