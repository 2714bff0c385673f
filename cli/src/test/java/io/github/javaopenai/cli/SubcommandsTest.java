package io.github.javaopenai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SubcommandsTest {

    @Test
    void eachCommandIsListedUnderTheNameItsAnnotationGives() {
        for (Main.Subcommand command : Main.SUBCOMMANDS) {
            assertThat(command.type().getAnnotation(Command.class).name()).isEqualTo(command.name());
        }
    }

    @Test
    void argumentsNamingACommandGetOnlyThatCommand() {
        CommandLine cli = Main.commandLine(new String[] {"chat", "hi"});

        assertThat(cli.getSubcommands().keySet()).containsExactly("chat");
    }

    @Test
    void argumentsNamingNoCommandGetEveryCommandInUsageOrder() {
        List<String> names = Main.SUBCOMMANDS.stream().map(Main.Subcommand::name).toList();

        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet()).containsExactlyElementsOf(names);
        assertThat(Main.commandLine(new String[] {"chta"}).getSubcommands().keySet()).containsExactlyElementsOf(names);
        assertThat(Main.commandLine(new String[0]).getSubcommands().keySet()).containsExactlyElementsOf(names);
    }
}
