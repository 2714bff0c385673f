package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Lists the models the server offers, one id per line. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the available models.")
final class ModelsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() {
        try (ClientOptions.Connection connection = options.connect()) {
            JsonNode body = ApiFailure.check(connection.client().models().list());
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                out.println(body.toPrettyString());
            } else {
                body.path("data").forEach(model -> out.println(model.path("id").asText()));
            }
            out.flush();
            return 0;
        }
    }
}
