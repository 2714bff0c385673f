package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Answers the stateless endpoints: embeddings, moderations, models and image generation. */
final class Endpoints {

    static final List<String> MODELS = List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini",
            "gpt-3.5-turbo", "gpt-3.5-turbo-instruct", "text-embedding-3-small", "text-embedding-3-large",
            "omni-moderation-latest", "gpt-image-1", "dall-e-3");

    private static final List<String> CATEGORIES = List.of("harassment", "harassment/threatening", "hate",
            "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/intent",
            "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic");

    /** Words that make the offline moderation flag an input as violent, so flagging can be tested. */
    private static final List<String> VIOLENT = List.of("kill", "murder", "attack");

    private Endpoints() {
    }

    static Answer embeddings(JsonNode body) {
        JsonNode input = body.path("input");
        if (input.isMissingNode() || input.isNull()) {
            return Wire.invalid("'input' is a required property", "input");
        }
        String model = body.path("model").asText("text-embedding-3-small");
        int dimensions = body.path("dimensions").asInt(model.endsWith("-large") ? 3072 : 1536);
        if (dimensions < 1) {
            return Wire.invalid("Invalid value for 'dimensions': must be at least 1.", "dimensions");
        }
        boolean base64 = "base64".equals(body.path("encoding_format").asText());
        List<String> texts = texts(input);
        ArrayNode data = Wire.array();
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = vector(texts.get(i), dimensions);
            ObjectNode entry = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer buffer = ByteBuffer.allocate(4 * dimensions).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    buffer.putFloat(v);
                }
                entry.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
            } else {
                ArrayNode values = entry.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            tokens += Wire.tokens(texts.get(i));
        }
        ObjectNode result = Wire.object().put("object", "list");
        result.set("data", data);
        result.put("model", model);
        result.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Answer.json(200, result);
    }

    /** Returns a unit vector seeded by the text, so equal texts always embed equally. */
    static float[] vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(text));
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static long seed(String text) {
        long hash = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return hash;
    }

    private static List<String> texts(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(item -> texts.add(item.isTextual() ? item.textValue() : item.toString()));
        } else {
            texts.add(input.isTextual() ? input.textValue() : input.toString());
        }
        return texts;
    }

    static Answer moderations(JsonNode body) {
        JsonNode input = body.path("input");
        if (input.isMissingNode() || input.isNull()) {
            return Wire.invalid("'input' is a required property", "input");
        }
        ArrayNode results = Wire.array();
        for (String text : texts(input)) {
            boolean violent = VIOLENT.stream().anyMatch(text.toLowerCase(Locale.ROOT)::contains);
            ObjectNode result = results.addObject().put("flagged", violent);
            ObjectNode categories = result.putObject("categories");
            ObjectNode scores = result.putObject("category_scores");
            ObjectNode types = result.putObject("category_applied_input_types");
            for (String category : CATEGORIES) {
                boolean hit = violent && category.equals("violence");
                categories.put(category, hit);
                scores.put(category, hit ? 0.91 : 0.0001);
                types.putArray(category).add("text");
            }
        }
        ObjectNode response = Wire.object().put("id", Wire.id("modr-"));
        response.put("model", body.path("model").asText("omni-moderation-latest"));
        response.set("results", results);
        return Answer.json(200, response);
    }

    static Answer models() {
        ObjectNode list = Wire.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        MODELS.forEach(id -> data.add(model(id)));
        return Answer.json(200, list);
    }

    static Answer retrieveModel(String id) {
        if (!MODELS.contains(id)) {
            return Wire.notFound("The model '" + id + "' does not exist");
        }
        return Answer.json(200, model(id));
    }

    private static ObjectNode model(String id) {
        return Wire.object().put("id", id).put("object", "model").put("created", 1_686_935_002L)
                .put("owned_by", id.startsWith("gpt") ? "openai" : "system");
    }

    static Answer images(JsonNode body) {
        JsonNode prompt = body.path("prompt");
        if (!prompt.isTextual() || prompt.textValue().isEmpty()) {
            return Wire.invalid("Missing required parameter: 'prompt'.", "prompt");
        }
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 10) {
            return Wire.invalid("Invalid 'n': must be between 1 and 10.", "n");
        }
        ObjectNode result = Wire.object().put("created", Wire.now());
        ArrayNode data = result.putArray("data");
        for (int i = 0; i < n; i++) {
            byte[] png = Png.square(8, (int) seed(prompt.textValue() + "#" + i));
            data.addObject().put("b64_json", Base64.getEncoder().encodeToString(png))
                    .put("revised_prompt", Wire.OFFLINE + " " + prompt.textValue());
        }
        String size = body.path("size").asText("1024x1024");
        result.put("size", size.equals("auto") ? "1024x1024" : size);
        result.put("quality", "low");
        result.put("output_format", "png");
        result.put("background", "opaque");
        int tokens = Wire.tokens(prompt.textValue());
        ObjectNode usage = result.putObject("usage");
        usage.put("input_tokens", tokens).put("output_tokens", 16 * n).put("total_tokens", tokens + 16 * n);
        usage.putObject("input_tokens_details").put("text_tokens", tokens).put("image_tokens", 0);
        return Answer.json(200, result);
    }

    /** Mints an ephemeral realtime secret: {@code {value, expires_at, session}}, the session echoing the request's. */
    static Answer realtimeClientSecret(JsonNode body) {
        JsonNode requested = body.path("session");
        ObjectNode session = Wire.object().put("type", "realtime").put("object", "realtime.session")
                .put("id", Wire.id("sess_")).put("model", requested.path("model").asText("gpt-realtime"))
                .put("expires_at", Wire.now() + 600);
        if (requested.isObject()) {
            requested.fields().forEachRemaining(field -> {
                if (!session.has(field.getKey())) {
                    session.set(field.getKey(), field.getValue());
                }
            });
        }
        ObjectNode secret = Wire.object().put("value", Wire.id("ek_")).put("expires_at", Wire.now() + 600);
        secret.set("session", session);
        return Answer.json(200, secret);
    }
}
