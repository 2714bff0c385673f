package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Generates an image and writes it to a file. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Generate an image from a prompt.")
final class ImageCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "What to draw.")
    List<String> prompt;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the PNG.")
    Path output;

    @Option(names = "--size", paramLabel = "WxH", description = "Image size, such as 1024x1024.")
    String size;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", options.model != null ? options.model : "gpt-image-1");
        params.put("prompt", String.join(" ", prompt));
        if (size != null) {
            params.put("size", size);
        }
        try (ClientOptions.Connection connection = options.connect()) {
            JsonNode body = ApiFailure.check(connection.client().imageGeneration(params));
            PrintWriter out = spec.commandLine().getOut();
            JsonNode image = body.path("data").path(0);
            if (image.path("b64_json").isTextual()) {
                byte[] bytes = Base64.getDecoder().decode(image.get("b64_json").textValue());
                Files.write(output, bytes);
                out.println(options.json ? body.toPrettyString() : "wrote " + output + " (" + bytes.length + " bytes)");
            } else if (image.path("url").isTextual()) {
                out.println("the server returned a URL, not image data: " + image.get("url").textValue());
            } else {
                throw new ApiFailure("the answer holds no image: " + body);
            }
            out.flush();
            return 0;
        }
    }
}
