package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks texts against the moderation endpoint and prints the flagged categories. */
@Command(name = "moderate", mixinStandardHelpOptions = true, description = "Check texts with the moderation endpoint.")
final class ModerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to check.")
    List<String> texts;

    @Override
    public Integer call() {
        try (ClientOptions.Connection connection = options.connect()) {
            JsonNode body = ApiFailure.check(connection.client().moderation(texts));
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                out.println(body.toPrettyString());
            } else {
                JsonNode results = body.path("results");
                for (int i = 0; i < results.size(); i++) {
                    List<String> flagged = new ArrayList<>();
                    results.get(i).path("categories").properties().forEach(category -> {
                        if (category.getValue().asBoolean()) {
                            flagged.add(category.getKey());
                        }
                    });
                    out.println((results.get(i).path("flagged").asBoolean() ? "flagged " + flagged : "ok")
                            + "\t" + texts.get(i));
                }
            }
            out.flush();
            return 0;
        }
    }
}
