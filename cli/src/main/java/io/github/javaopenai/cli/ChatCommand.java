package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.ApiResponse;
import io.github.javaopenai.OpenAI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Chats with a model: one-shot with a prompt, interactively from stdin without one; tokens stream as they arrive. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with a model. With a PROMPT, answers once; without, reads one message per line"
                + " from stdin until end of input or /exit."})
final class ChatCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The message to send (words are joined).")
    List<String> prompt;

    @Option(names = {"-s", "--system"}, paramLabel = "TEXT", description = "System instructions.")
    String system;

    @Option(names = "--responses", description = "Use the Responses API instead of Chat Completions.")
    boolean responses;

    @Option(names = "--session", paramLabel = "FILE", description = "Resume the conversation in FILE, and save it there.")
    Path session;

    @Override
    public Integer call() throws Exception {
        SessionFile conversation = SessionFile.load(session);
        if (system != null && !responses && conversation.messages().isEmpty()) {
            conversation.add("system", system);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ClientOptions.Connection connection = options.connect()) {
            if (prompt != null && !prompt.isEmpty()) {
                turn(connection, conversation, String.join(" ", prompt), out);
                return 0;
            }
            boolean console = System.console() != null;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                if (console) {
                    spec.commandLine().getErr().print("you> ");
                    spec.commandLine().getErr().flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    return 0;
                }
                if (!line.isBlank()) {
                    turn(connection, conversation, line.strip(), out);
                }
            }
        }
    }

    /** Sends one user message, prints the answer as it streams, and saves the session. */
    private void turn(ClientOptions.Connection connection, SessionFile conversation, String text, PrintWriter out)
            throws Exception {
        conversation.add("user", text);
        OpenAI client = connection.client();
        // A fresh embedded server knows no earlier response ids, so offline sessions resend the transcript.
        Object input = connection.isOffline() && conversation.messages().size() > 1 ? conversation.messages() : text;
        if (input != text) {
            conversation.previousResponseId(null);
        }
        String answer = responses ? viaResponses(client, conversation, input, out) : viaChat(client, conversation, out);
        conversation.add("assistant", answer);
        conversation.save();
    }

    private String viaChat(OpenAI client, SessionFile conversation, PrintWriter out) {
        Map<String, Object> opts = new LinkedHashMap<>();
        List<JsonNode> messages = new java.util.ArrayList<>();
        conversation.messages().forEach(messages::add);
        if (options.json) {
            JsonNode body = ApiFailure.check(client.createChatCompletion(messages, opts));
            out.println(body.toPrettyString());
            out.flush();
            return body.at("/choices/0/message/content").asText("");
        }
        StringBuilder answer = new StringBuilder();
        ApiResponse response = client.createChatCompletion(messages, opts, event -> {
            JsonNode content = event.at("/choices/0/delta/content");
            if (content.isTextual()) {
                answer.append(content.textValue());
                out.print(content.textValue());
                out.flush();
            }
        });
        finish(response, out);
        return answer.toString();
    }

    private String viaResponses(OpenAI client, SessionFile conversation, Object text, PrintWriter out) {
        Map<String, Object> opts = new LinkedHashMap<>();
        if (system != null) {
            opts.put("instructions", system);
        }
        if (conversation.previousResponseId() != null) {
            opts.put("previous_response_id", conversation.previousResponseId());
        }
        if (options.json) {
            JsonNode body = ApiFailure.check(client.createResponse(text, opts));
            out.println(body.toPrettyString());
            out.flush();
            conversation.previousResponseId(body.path("id").asText(null));
            return body.at("/output/0/content/0/text").asText("");
        }
        StringBuilder answer = new StringBuilder();
        ApiResponse response = client.createResponse(text, opts, event -> {
            String type = event.path("type").asText();
            if (type.equals("response.output_text.delta")) {
                answer.append(event.path("delta").asText());
                out.print(event.path("delta").asText());
                out.flush();
            } else if (type.equals("response.completed")) {
                conversation.previousResponseId(event.at("/response/id").asText(null));
            } else if (type.equals("error") || type.equals("response.failed")) {
                throw new ApiFailure("Stream failed: " + event);
            }
        });
        finish(response, out);
        return answer.toString();
    }

    private static void finish(ApiResponse response, PrintWriter out) {
        if (!response.body().isTextual() || !response.bodyText().isEmpty()) {
            ApiFailure.check(response); // the server answered with JSON instead of a stream
        }
        out.println();
        out.flush();
    }
}
