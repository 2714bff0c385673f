package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Embeds each text and prints its dimension and first values. */
@Command(name = "embed", mixinStandardHelpOptions = true, description = "Embed texts; prints each vector's size and start.")
final class EmbedCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to embed, one vector each.")
    List<String> texts;

    @Override
    public Integer call() {
        try (ClientOptions.Connection connection = options.connect()) {
            Map<String, Object> opts = options.model == null ? Map.of() : Map.of("model", options.model);
            JsonNode body = ApiFailure.check(connection.client().embedding(texts, opts));
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                out.println(body.toPrettyString());
            } else {
                for (JsonNode item : body.path("data")) {
                    JsonNode vector = item.path("embedding");
                    StringBuilder start = new StringBuilder();
                    for (int i = 0; i < Math.min(4, vector.size()); i++) {
                        start.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f",
                                vector.get(i).asDouble()));
                    }
                    out.printf("%d\t%d dimensions\t[%s, ...]\t%s%n", item.path("index").asInt(), vector.size(), start,
                            texts.get(item.path("index").asInt()));
                }
            }
            out.flush();
            return 0;
        }
    }
}
