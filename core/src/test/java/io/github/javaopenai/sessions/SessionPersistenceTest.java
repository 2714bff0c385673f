package io.github.javaopenai.sessions;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.SessionFileException;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static io.github.javaopenai.sessions.ChatSessionTest.messageReply;
import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static io.github.javaopenai.sessions.ResponsesChatSessionTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving sessions to JSON files and loading them back. */
class SessionPersistenceTest {

    @TempDir
    Path dir;

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatSession conversation() {
        server.replyJson(200, messageReply(ChatSessionTest.TOOL_CALL)).replyJson(200, textReply("It is 3"));
        ChatSession chat = client.newChatSession(Map.of("model", "gpt-x", "temperature", 0.5,
                "messages", List.of(Messages.system("sys"))));
        chat.send("1+2?");
        chat.send(Messages.tool("call_1", "3"));
        return chat;
    }

    @Test
    void chatSessionRoundTripsHistoryToolMessagesOptionsAndUsage() throws Exception {
        ChatSession chat = conversation();
        Path file = dir.resolve("chat.json");
        chat.save(file);

        ChatSession loaded = client.loadChatSession(file);

        assertThat(loaded.messages()).isEqualTo(chat.messages());
        assertThat(loaded.messages()).extracting(m -> m.get("role").asText())
                .containsExactly("system", "user", "assistant", "tool", "assistant");
        assertThat(loaded.options()).isEqualTo(chat.options());
        assertThat(loaded.usage()).isEqualTo(chat.usage()).isEqualTo(new Usage(20, 10, 0, 0));
    }

    @Test
    void loadedChatSessionContinuesTheConversation() throws Exception {
        ChatSession chat = conversation();
        Path file = dir.resolve("chat.json");
        chat.save(file);
        server.take();
        server.take();
        server.replyJson(200, textReply("more"));
        client.loadChatSession(file).send("and?");
        JsonNode body = server.take().json();
        assertThat(body.get("messages")).hasSize(6);
        assertThat(body.get("model").asText()).isEqualTo("gpt-x");
    }

    @Test
    void fileIsVersionedJson() throws Exception {
        Path file = dir.resolve("chat.json");
        client.newChatSession().save(file);
        JsonNode saved = json(Files.readString(file));
        assertThat(saved.get("format").asText()).isEqualTo("java-openai/chat-session");
        assertThat(saved.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void fileCutShortMidWriteIsDetectedOnLoad() throws Exception {
        Path file = dir.resolve("chat.json");
        conversation().save(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> client.loadChatSession(file))
                .isInstanceOfSatisfying(SessionFileException.class, e -> assertThat(e.file()).isEqualTo(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void emptyWrongKindAndNewerFilesAreRejected() throws Exception {
        Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);
        assertThatThrownBy(() -> client.loadChatSession(empty)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("empty.json");
        Path responses = dir.resolve("responses.json");
        client.newResponsesChatSession().save(responses);
        assertThatThrownBy(() -> client.loadChatSession(responses)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("not a java-openai/chat-session file");
        Path newer = Files.writeString(dir.resolve("newer.json"),
                "{\"format\":\"java-openai/chat-session\",\"version\":2,\"options\":{},\"messages\":[]}");
        assertThatThrownBy(() -> client.loadChatSession(newer)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("version 2");
        Path invalid = Files.writeString(dir.resolve("invalid.json"),
                "{\"format\":\"java-openai/chat-session\",\"version\":1,\"options\":{},\"messages\":[{\"role\":\"robot\"}]}");
        assertThatThrownBy(() -> client.loadChatSession(invalid)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("robot");
    }

    @Test
    void aFractionalVersionIsRejectedNamingTheFile() throws Exception {
        Path fractional = Files.writeString(dir.resolve("fractional.json"),
                "{\"format\":\"java-openai/chat-session\",\"version\":1.9,\"options\":{},\"messages\":[]}");
        assertThatThrownBy(() -> client.loadChatSession(fractional)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("fractional.json").hasMessageContaining("\"version\"")
                .hasMessageContaining("1.9");
    }

    @Test
    void aNegativeOrFractionalUsageTotalIsRejectedNamingTheFileAndTheField() throws Exception {
        Path chat = Files.writeString(dir.resolve("negative.json"), "{\"format\":\"java-openai/chat-session\","
                + "\"version\":1,\"options\":{},\"messages\":[],\"usage\":{\"input_tokens\":-5}}");
        Path responses = Files.writeString(dir.resolve("fraction.json"), "{\"format\":\"java-openai/responses-session\","
                + "\"version\":1,\"options\":{},\"responses\":[],\"usage\":{\"output_tokens\":2.5}}");
        assertThatThrownBy(() -> client.loadChatSession(chat)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("negative.json").hasMessageContaining("usage.input_tokens").hasMessageContaining("-5");
        assertThatThrownBy(() -> client.loadResponsesChatSession(responses)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("fraction.json").hasMessageContaining("usage.output_tokens");
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, "old content");
        ChatSession chat = conversation();
        chat.save(file);
        chat.save(file);
        assertThat(client.loadChatSession(file).messages()).hasSize(5);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aLeftoverTemporaryFileFromACrashDoesNotAffectTheSavedFile() throws Exception {
        Path file = dir.resolve("chat.json");
        conversation().save(file);
        // what a crash between writing and renaming leaves behind
        Files.writeString(dir.resolve(".chat.json123.tmp"), "{\"format\":\"java-openai/chat-ses");
        assertThat(client.loadChatSession(file).messages()).hasSize(5);
    }

    @Test
    void responsesSessionSavesItsIdChain() throws Exception {
        server.replyJson(200, response("resp_1", "a")).replyJson(200, response("resp_2", "b"));
        ResponsesChatSession session = client.newResponsesChatSession(Map.of("model", "m", "instructions", "i"));
        session.send("x");
        session.send("y");
        Path file = dir.resolve("responses.json");
        session.save(file);
        assertThat(json(Files.readString(file)).get("response_ids")).isEqualTo(json("[\"resp_1\",\"resp_2\"]"));

        ResponsesChatSession loaded = client.loadResponsesChatSession(file);
        assertThat(loaded.currentResponseId()).isEqualTo("resp_2");
        assertThat(loaded.responseHistory()).extracting(SessionResponse::id).containsExactly("resp_1", "resp_2");
        assertThat(loaded.responseHistory().get(1).outputText()).isEqualTo("b");
        assertThat(loaded.usage()).isEqualTo(session.usage());

        server.take();
        server.take();
        server.replyJson(200, response("resp_3", "c"));
        loaded.send("z");
        JsonNode body = server.take().json();
        assertThat(body.get("previous_response_id").asText()).isEqualTo("resp_2");
        assertThat(body.get("instructions").asText()).isEqualTo("i");
    }

    @Test
    void truncatedResponsesFileIsDetected() throws Exception {
        Path file = dir.resolve("responses.json");
        client.newResponsesChatSession(Map.of("previous_response_id", "resp_0")).save(file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> client.loadResponsesChatSession(file)).isInstanceOf(SessionFileException.class)
                .hasMessageContaining("responses.json");
    }
}
