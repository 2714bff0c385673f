package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.sessions.ChatReply;
import io.github.javaopenai.sessions.ChatSession;
import io.github.javaopenai.testkit.FakeReply;
import java.io.PrintWriter;
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
        ChatSession chat = client.newChatSession(Map.of(
                "messages", List.of(Messages.system("You are an artist who likes colors"))));
        out.println(chat.send("List your top 5 favorite colors"));
        out.println(chat.send("Excluding the colors you just listed, tell me your favorite color"));
        for (JsonNode message : chat.messages()) {
            out.println(message.get("role").asText() + "\t" + message.path("content").asText());
        }
        chat.send("What's the most boring color?", (chunk, raw) -> {
            out.print(chunk);
            out.flush();
        });
        out.println();
    }

    private void streamingResponse(OpenAI client) {
        title("Streaming: the Responses API");
        ApiFailure.check(client.createResponse(streakClub(), Map.of(), event -> {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                out.print(event.path("delta").asText());
                out.flush();
            }
        }));
        out.println();
    }

    private void streamingChat(OpenAI client) {
        title("Streaming: the Chat Completions API");
        ApiFailure.check(client.createChatCompletion(streakClub(), Map.of(), event -> {
            JsonNode delta = event.at("/choices/0/delta/content");
            if (delta.isTextual()) {
                out.print(delta.textValue());
                out.flush();
            }
        }));
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
        ChatSession chat = client.newChatSession(Map.of("functions", List.of(Map.of(
                "name", "add", "description", "Add two numbers together",
                "parameters", Map.of("type", "object", "properties",
                        Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")))))));
        ChatReply reply = chat.send("Using the provided function, calculate the sum of 2923 + 20839");
        JsonNode call = reply.functionCall();
        if (call == null || !call.path("name").asText().equals("add")) {
            out.println("The model answered without calling the function: " + reply);
            return;
        }
        JsonNode arguments;
        try {
            arguments = CliJson.MAPPER.readTree(call.path("arguments").asText());
        } catch (java.io.IOException e) {
            out.println("The model sent malformed arguments: " + call.path("arguments").asText());
            return;
        }
        long value = arguments.path("a").asLong() + arguments.path("b").asLong();
        out.println("The model calls add(" + arguments.path("a").asText() + ", " + arguments.path("b").asText() + ")");
        out.println(chat.send(Messages.function("add", String.valueOf(value))));
        out.flush();
    }
}
