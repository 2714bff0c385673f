package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.SessionException;
import io.github.javaopenai.sessions.ChatReply;
import io.github.javaopenai.sessions.ChatSession;
import io.github.javaopenai.sessions.ResponsesChatSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Chats with a model through the library's sessions: one-shot with a prompt, interactively from
 * stdin without one; tokens stream as they arrive, and {@code --session} resumes and saves.
 */
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

    /** One conversation, on either API: sends a message, streaming it to the callback, or else returns the raw JSON. */
    private interface Conversation {
        JsonNode send(String text, BiConsumer<ChatChunk, JsonNode> onChunk) throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ClientOptions.Connection connection = options.connect()) {
            Conversation conversation = responses ? responses(connection) : chat(connection.client());
            if (prompt != null && !prompt.isEmpty()) {
                turn(conversation, String.join(" ", prompt), out);
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
                    turn(conversation, line.strip(), out);
                }
            }
        }
    }

    private void turn(Conversation conversation, String text, PrintWriter out) throws IOException {
        try {
            LineEndOnExit.install(out);
            JsonNode json = conversation.send(text, options.json ? null : (chunk, raw) -> {
                LineEndOnExit.startedLine();
                out.print(chunk.toString());
                out.flush();
            });
            if (json != null) {
                out.print(json.toPrettyString());
            }
        } catch (SessionException e) {
            throw ApiFailure.of(e);
        } catch (ApiException e) {
            throw ApiFailure.of(e);
        }
        out.println();
        out.flush();
        LineEndOnExit.endedLine();
    }

    private Map<String, Object> perCall() {
        Map<String, Object> opts = new LinkedHashMap<>();
        if (options.model != null) {
            opts.put("model", options.model);
        }
        return opts;
    }

    private Conversation chat(OpenAI client) throws IOException {
        ChatSession chat;
        if (session != null && Files.exists(session)) {
            chat = client.loadChatSession(session);
        } else {
            chat = client.newChatSession(system == null ? Map.of() : Map.of("messages", List.of(Messages.system(system))));
        }
        return (text, onChunk) -> {
            try {
                ChatReply reply = onChunk == null ? chat.send(text, perCall()) : chat.send(text, perCall(), onChunk);
                return onChunk == null ? reply.body() : null;
            } finally {
                save(chat::save);
            }
        };
    }

    private Conversation responses(ClientOptions.Connection connection) throws IOException {
        OpenAI client = connection.client();
        ResponsesChatSession chat = null;
        if (session != null && Files.exists(session)) {
            chat = client.loadResponsesChatSession(session);
            if (connection.isOffline() && chat.currentResponseId() != null) {
                // A fresh embedded server cannot know responses from an earlier run.
                spec.commandLine().getErr().println("java-openai: the embedded server does not know response "
                        + chat.currentResponseId() + " from an earlier run; starting a new chain");
                spec.commandLine().getErr().flush();
                Map<String, Object> saved = new LinkedHashMap<>();
                chat.options().properties().forEach(e -> saved.put(e.getKey(), e.getValue()));
                chat = client.newResponsesChatSession(saved);
            }
        }
        if (chat == null) {
            chat = client.newResponsesChatSession(system == null ? Map.of() : Map.of("instructions", system));
        }
        ResponsesChatSession current = chat;
        return (text, onChunk) -> {
            JsonNode json = null;
            if (onChunk == null) {
                json = current.createResponse(text, perCall()).json();
            } else {
                current.createResponse(text, perCall(), onChunk);
            }
            save(current::save);
            return json;
        };
    }

    /** Saves a session to the session file, when there is one. */
    private interface Saver {
        void save(Path file) throws IOException;
    }

    private void save(Saver saver) throws IOException {
        if (session != null) {
            saver.save(session);
        }
    }
}
