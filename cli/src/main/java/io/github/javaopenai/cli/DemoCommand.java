package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.Messages;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.testkit.FakeReply;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Walks through every example of the lua-openai README, in order, printing what each one prints. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every example of the lua-openai README (Gemini ones excepted), one after another.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        try (ClientOptions.Connection connection = options.connect()) {
            OpenAI client = connection.client();
            responsesQuickUsage(client);
            chatQuickUsage(client);
            chatSession(client);
            streamingResponse(client);
            streamingChat(client);
            functions(client, connection);
            return 0;
        }
    }

    private void title(String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }

    private static List<Map<String, Object>> luaProgrammer() {
        return List.of(Messages.system("You are a Lua programmer"), Messages.user("Write a 'Hello world' program in Lua"));
    }

    private void responsesQuickUsage(OpenAI client) {
        title("Quick usage: the Responses API");
        JsonNode body = ApiFailure.check(client.createResponse(luaProgrammer(), Map.of("temperature", 0.5)));
        out.println(body.at("/output/0/content/0/text").asText());
    }

    private void chatQuickUsage(OpenAI client) {
        title("Quick usage: the Chat Completions API");
        JsonNode body = ApiFailure.check(client.createChatCompletion(luaProgrammer(), Map.of("temperature", 0.5)));
        out.println(body.at("/choices/0/message/content").asText());
    }

    private void chatSession(OpenAI client) {
        title("Chat session");
        List<Object> messages = new ArrayList<>(List.of(Messages.system("You are an artist who likes colors")));
        out.println(send(client, messages, "List your top 5 favorite colors"));
        out.println(send(client, messages, "Excluding the colors you just listed, tell me your favorite color"));
        for (Object message : messages) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) message;
            out.println(m.get("role") + "\t" + m.get("content"));
        }
        messages.add(Messages.user("What's the most boring color?"));
        StringBuilder streamed = new StringBuilder();
        ApiFailure.check(empty(client.createChatCompletion(messages, Map.of(), event -> {
            JsonNode content = event.at("/choices/0/delta/content");
            if (content.isTextual()) {
                streamed.append(content.textValue());
                out.print(content.textValue());
                out.flush();
            }
        })));
        messages.add(Messages.assistant(streamed.toString()));
        out.println();
    }

    private String send(OpenAI client, List<Object> messages, String text) {
        messages.add(Messages.user(text));
        String reply = ApiFailure.check(client.createChatCompletion(messages)).at("/choices/0/message/content").asText();
        messages.add(Messages.assistant(reply));
        return reply;
    }

    private void streamingResponse(OpenAI client) {
        title("Streaming: the Responses API");
        ApiFailure.check(empty(client.createResponse(streakClub(), Map.of(), event -> {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                out.print(event.path("delta").asText());
                out.flush();
            }
        })));
        out.println();
    }

    private void streamingChat(OpenAI client) {
        title("Streaming: the Chat Completions API");
        ApiFailure.check(empty(client.createChatCompletion(streakClub(), Map.of(), event -> {
            JsonNode delta = event.at("/choices/0/delta/content");
            if (delta.isTextual()) {
                out.print(delta.textValue());
                out.flush();
            }
        })));
        out.println();
    }

    private static List<Map<String, Object>> streakClub() {
        return List.of(Messages.system("You work for Streak.Club, a website to track daily creative habits"),
                Messages.user("Who do you work for?"));
    }

    private void functions(OpenAI client, ClientOptions.Connection connection) {
        title("Chat session with functions");
        if (connection.isOffline()) {
            connection.server().enqueue(FakeReply.functionCall("add", "{\"a\":2923,\"b\":20839}"));
        }
        Map<String, Object> add = Map.of("name", "add", "description", "Add two numbers together",
                "parameters", Map.of("type", "object", "properties",
                        Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number"))));
        List<Object> messages = new ArrayList<>(List.of(
                Messages.user("Using the provided function, calculate the sum of 2923 + 20839")));
        Map<String, Object> opts = Map.of("model", connection.isOffline() ? "gpt-3.5-turbo-0613" : "gpt-4.1",
                "functions", List.of(add));
        JsonNode message = ApiFailure.check(client.createChatCompletion(messages, opts)).at("/choices/0/message");
        JsonNode call = message.path("function_call");
        if (!call.path("name").asText().equals("add")) {
            out.println("The model answered without calling the function: " + message.path("content").asText());
            return;
        }
        JsonNode arguments;
        try {
            arguments = CliJson.MAPPER.readTree(call.path("arguments").asText());
        } catch (java.io.IOException e) {
            out.println("The model sent malformed arguments: " + call.path("arguments").asText());
            return;
        }
        double value = arguments.path("a").asDouble() + arguments.path("b").asDouble();
        out.println("The model calls add(" + arguments.path("a").asText() + ", " + arguments.path("b").asText() + ")");
        messages.add(message);
        messages.add(Messages.function("add", String.valueOf((long) value)));
        out.println(ApiFailure.check(client.createChatCompletion(messages, opts)).at("/choices/0/message/content").asText());
        out.flush();
    }

    /** Returns the response, whose body is empty after a stream and the server's JSON otherwise. */
    private static io.github.javaopenai.ApiResponse empty(io.github.javaopenai.ApiResponse response) {
        return response;
    }
}
