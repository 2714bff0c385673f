package io.github.javaopenai;

import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.transport.Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.internal.Json;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md sections A to C: construction, request shape and every raw endpoint. */
class OpenAITest {

    private static final String KEY = "sk-test-abc123";

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Nested
    class Construction {

        @Test
        void defaultsToOpenAisBaseUrlAndGpt41() {
            OpenAI defaults = OpenAI.create(KEY);
            assertThat(defaults.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(defaults.defaultModel()).isEqualTo("gpt-4.1");
        }

        @Test
        void exposesItsVersionFromTheBuild() {
            assertThat(OpenAI.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
        }

        @Test
        void configIsCopiedSoLaterChangesToTheCallersMapHaveNoEffect() throws Exception {
            Map<String, String> env = new HashMap<>(Map.of("OPENAI_BASE_URL", server.baseUrl()));
            OpenAI fromEnv = OpenAI.fromEnv(env);
            env.put("OPENAI_BASE_URL", "http://127.0.0.1:1/changed");
            fromEnv.models().list();
            assertThat(server.take().path()).isEqualTo("/v1/models");
        }

        @Test
        void nullKeySendsNoAuthorizationHeader() throws Exception {
            server.client(null).models().list();
            assertThat(server.take().headers().contains("Authorization")).isFalse();
        }

        @Test
        void transportIsPluggable() {
            var recording = new java.util.ArrayList<io.github.javaopenai.transport.TransportRequest>();
            OpenAI fake = OpenAI.newBuilder().apiKey(KEY).transport(request -> {
                recording.add(request);
                return new io.github.javaopenai.transport.TransportResponse(
                        201, Headers.empty(), new java.io.ByteArrayInputStream("{\"ok\":true}".getBytes()));
            }).build();
            ApiResponse response = fake.models().list();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body().get("ok").asBoolean()).isTrue();
            assertThat(recording).singleElement().satisfies(r ->
                    assertThat(r.uri()).hasToString("https://api.openai.com/v1/models"));
        }

        @Test
        void defaultTransportIsTheJdkHttpClient() {
            assertThat(OpenAI.create(null).transport())
                    .isInstanceOf(io.github.javaopenai.transport.JdkHttpTransport.class);
        }

        @Test
        void baseUrlIsSetPerInstanceAndPathsAreAppended() throws Exception {
            OpenAI other = OpenAI.newBuilder().baseUrl(server.baseUrl() + "/proxy/").build();
            other.models().list();
            client.files().list();
            assertThat(server.take().path()).isEqualTo("/v1/proxy/models");
            assertThat(server.take().path()).isEqualTo("/v1/files");
        }

        @Test
        void fromEnvReadsKeyBaseUrlOrganizationAndProject() throws Exception {
            OpenAI fromEnv = OpenAI.fromEnv(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                    "OPENAI_ORG_ID", "org-1", "OPENAI_PROJECT_ID", "proj-1"));
            fromEnv.models().list();
            Headers headers = server.take().headers();
            assertThat(headers.first("Authorization")).hasValue("Bearer " + KEY);
            assertThat(headers.first("OpenAI-Organization")).hasValue("org-1");
            assertThat(headers.first("OpenAI-Project")).hasValue("proj-1");
        }

        @Test
        void fromEnvTreatsEmptyVariablesAsUnset() {
            OpenAI fromEnv = OpenAI.fromEnv(Map.of("OPENAI_API_KEY", "", "OPENAI_BASE_URL", ""));
            assertThat(fromEnv.hasApiKey()).isFalse();
            assertThat(fromEnv.baseUrl()).isEqualTo(Providers.openAi().baseUrl());
        }

        @Test
        void blankOrMalformedBaseUrlIsRejectedWithTheReason() {
            assertThatThrownBy(() -> OpenAI.newBuilder().baseUrl("  ").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("baseUrl is blank");
            assertThatThrownBy(() -> OpenAI.newBuilder().baseUrl("http://bad host/v1").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid URL");
            assertThatThrownBy(() -> OpenAI.newBuilder().baseUrl("ftp://example.com").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
            assertThatThrownBy(() -> OpenAI.newBuilder().baseUrl("localhost:8080").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
            assertThatThrownBy(() -> OpenAI.newBuilder().baseUrl("http:///v1").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
        }

        @Test
        void toBuilderKeepsSettingsAndSharesTheTransport() {
            OpenAI copy = client.toBuilder().defaultModel("gpt-5").build();
            assertThat(copy.transport()).isSameAs(client.transport());
            assertThat(copy.baseUrl()).isEqualTo(client.baseUrl());
            assertThat(copy.defaultModel()).isEqualTo("gpt-5");
            assertThat(client.defaultModel()).isEqualTo("gpt-4.1");
        }

        @Test
        void closeReleasesThePoolItsBuilderCreatedAndLaterRequestsFail() {
            OpenAI own = OpenAI.newBuilder().baseUrl(server.baseUrl()).build();
            OpenAI copy = own.withMaxRetries(0);
            assertThat(own.models().list().status()).isEqualTo(200);
            own.close();
            assertThatThrownBy(() -> own.models().list()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transport is closed");
            assertThatThrownBy(() -> copy.models().list()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closeLeavesATransportTheCallerPassedOpen() {
            java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
            io.github.javaopenai.transport.Transport mine = new io.github.javaopenai.transport.Transport() {
                @Override
                public io.github.javaopenai.transport.TransportResponse send(
                        io.github.javaopenai.transport.TransportRequest request) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                }
            };
            try (OpenAI client = OpenAI.newBuilder().transport(mine).build()) {
                assertThat(client.transport()).isSameAs(mine);
            }
            assertThat(closes).hasValue(0);
        }

        @Test
        void toStringNeverShowsTheKey() {
            assertThat(client.toString()).doesNotContain(KEY).contains("<redacted>");
            assertThat(client.settings().toString()).doesNotContain(KEY);
        }
    }

    @Nested
    class RequestShape {

        @Test
        void everyRequestAcceptsJson() throws Exception {
            client.models().list();
            client.createChatCompletion(List.of(Messages.user("hi")));
            assertThat(server.take().headers().first("Accept")).hasValue("application/json");
            assertThat(server.take().headers().first("Accept")).hasValue("application/json");
        }

        @Test
        void contentTypeIsSentOnlyWithABody() throws Exception {
            client.models().list();
            client.files().delete("file-1");
            client.embedding("x");
            assertThat(server.take().headers().contains("Content-Type")).isFalse();
            assertThat(server.take().headers().contains("Content-Type")).isFalse();
            assertThat(server.take().headers().first("Content-Type")).hasValue("application/json");
        }

        @Test
        void bearerAuthorizationIsSentWhenAKeyIsSet() throws Exception {
            client.models().list();
            assertThat(server.take().headers().first("Authorization")).hasValue("Bearer " + KEY);
        }

        @Test
        void userAgentNamesTheLibraryAndNoOrganizationOrProjectUnlessConfigured() throws Exception {
            client.models().list();
            Headers headers = server.take().headers();
            assertThat(headers.first("User-Agent")).hasValueSatisfying(ua ->
                    assertThat(ua).startsWith("java-openai/" + OpenAI.VERSION));
            assertThat(headers.contains("OpenAI-Organization")).isFalse();
            assertThat(headers.contains("OpenAI-Project")).isFalse();
        }

        @Test
        void organizationAndProjectHeadersAreSentWhenConfigured() throws Exception {
            client.toBuilder().organization("org-9").project("proj-9").build().models().list();
            Headers headers = server.take().headers();
            assertThat(headers.first("OpenAI-Organization")).hasValue("org-9");
            assertThat(headers.first("OpenAI-Project")).hasValue("proj-9");
        }

        @Test
        void requestsWithAPayloadSendJsonAndOthersSendNoBody() throws Exception {
            client.moderation("text");
            client.models().list();
            assertThat(server.take().json()).isEqualTo(json("{\"input\":\"text\"}"));
            assertThat(server.take().body()).isEmpty();
        }

        @Test
        void extraHeadersAreMergedAfterTheDefaultsAndOverrideThem() throws Exception {
            client.request("POST", "/custom", Map.of("a", 1), Map.of("Accept", "text/plain", "X-Extra", "yes"));
            client.toBuilder().header("User-Agent", "mine/1").build().models().list();
            Headers first = server.take().headers();
            assertThat(first.first("Accept")).hasValue("text/plain");
            assertThat(first.first("X-Extra")).hasValue("yes");
            assertThat(first.first("Authorization")).hasValue("Bearer " + KEY);
            assertThat(server.take().headers().first("User-Agent")).hasValue("mine/1");
        }

        @Test
        void errorStatusIsReturnedUnchangedNotThrown() {
            server.replyJson(404, "{\"error\":{\"message\":\"nope\"}}");
            server.replyJson(503, "{}");
            ApiResponse notFound = client.models().list();
            ApiResponse unavailable = client.models().list();
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.isSuccess()).isFalse();
            assertThat(notFound.body().at("/error/message").asText()).isEqualTo("nope");
            assertThat(unavailable.status()).isEqualTo(503);
        }

        @Test
        void jsonBodyIsDecoded() {
            server.replyJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m1\"}]}");
            assertThat(client.models().list().body().at("/data/0/id").asText()).isEqualTo("m1");
        }

        @Test
        void nonJsonBodyIsTheRawStringAndAnEmptyBodyTheEmptyString() {
            server.reply(Reply.text(502, "<html>Bad gateway</html>"));
            server.reply(new Reply(204, Map.of(), new byte[0]));
            server.reply(Reply.text(200, "{\"truncated\": "));
            ApiResponse html = client.models().list();
            ApiResponse empty = client.files().delete("f");
            ApiResponse truncated = client.models().list();
            assertThat(html.body().isTextual()).isTrue();
            assertThat(html.body().textValue()).isEqualTo("<html>Bad gateway</html>");
            assertThat(empty.body().textValue()).isEmpty();
            assertThat(truncated.body().textValue()).isEqualTo("{\"truncated\": ");
        }

        @Test
        void responseHeadersAndRequestIdAreReturned() {
            server.reply(new Reply(200, Map.of("x-request-id", "req_123", "X-Custom", "v"), "{}".getBytes()));
            ApiResponse response = client.models().list();
            assertThat(response.headers().first("X-Request-Id")).hasValue("req_123");
            assertThat(response.headers().first("x-custom")).hasValue("v");
            assertThat(response.requestId()).isEqualTo("req_123");
        }

        @Test
        void transportFailureRaisesNamingHostPortAndCause() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            OpenAI unreachable = OpenAI.newBuilder().apiKey(KEY).baseUrl("http://127.0.0.1:" + port + "/v1").build();
            assertThatThrownBy(() -> unreachable.models().list())
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("ConnectException")
                    .hasMessageContaining("connection refused")
                    .hasMessageNotContaining(KEY)
                    .satisfies(e -> assertThat(((ConnectionException) e).port()).isEqualTo(port))
                    .hasCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Nested
    class Endpoints {

        @Test
        void createChatCompletionPostsDefaultModelAndMessages() throws Exception {
            client.createChatCompletion(List.of(Messages.system("be brief"), Messages.user("hi")));
            Recorded r = server.take();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            assertThat(r.json()).isEqualTo(json("""
                    {"model":"gpt-4.1","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]}"""));
        }

        @Test
        void optionsOverrideOrExtendTheChatBodyEvenMessages() throws Exception {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("model", "gpt-5");
            options.put("temperature", 0.5);
            options.put("messages", List.of(Messages.user("replaced")));
            options.put("response_format", Map.of("type", "json_object"));
            client.createChatCompletion(List.of(Messages.user("hi")), options);
            assertThat(server.take().json()).isEqualTo(json("""
                    {"model":"gpt-5","messages":[{"role":"user","content":"replaced"}],"temperature":0.5,
                     "response_format":{"type":"json_object"}}"""));
        }

        @Test
        void nullOptionRemovesTheKey() throws Exception {
            Map<String, Object> options = new HashMap<>();
            options.put("model", null);
            client.createChatCompletion(List.of(Messages.user("hi")), options);
            assertThat(server.take().json().has("model")).isFalse();
        }

        @Test
        void invalidMessageRaisesNamingIndexAndFieldAndSendsNothing() {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("ok"),
                    Map.of("role", "user", "content", 42))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("messages[1].content");
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Map.of("role", "developer", "content", "x"))))
                    .hasMessageContaining("messages[0].role");
            assertThat(server.received()).isZero();
        }

        @Test
        void messagesGivenAsAnOptionAreValidatedToo() {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("ok")),
                    Map.of("messages", List.of(Map.of("role", "bogus", "content", 5)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("messages[0].role");
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("ok")), Map.of("messages", "hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("messages must be a list of chat messages, got string");
            assertThat(server.received()).isZero();
        }

        @Test
        void streamingWithoutACallbackNamesTheCallbackAndThePullForm() {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("stream", true)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("createChatCompletion(messages, options) cannot stream: option \"stream\" is true but no"
                            + " onEvent callback was given; pass one, or call streamChatCompletion");
            assertThat(server.received()).isZero();
        }

        @Test
        @SuppressWarnings("deprecation")
        void chatAliasBehavesLikeCreateChatCompletionWithoutACallback() throws Exception {
            client.chat(List.of(Messages.user("hi")), Map.of("temperature", 1));
            client.createChatCompletion(List.of(Messages.user("hi")), Map.of("temperature", 1));
            Recorded alias = server.take();
            Recorded plain = server.take();
            assertThat(alias.path()).isEqualTo(plain.path());
            assertThat(alias.json()).isEqualTo(plain.json());
        }

        @Test
        void completionSendsLuaDefaultsWithACurrentModelAndOptionsOverride() throws Exception {
            server.replyJson(200, "{\"choices\":[{\"text\":\"done\"}]}");
            ApiResponse response = client.completion("Say hi");
            client.completion("Say hi", Map.of("max_tokens", 5, "model", "davinci-002"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().at("/choices/0/text").asText()).isEqualTo("done");
            Recorded first = server.take();
            assertThat(first.path()).isEqualTo("/v1/completions");
            assertThat(first.json()).isEqualTo(json("""
                    {"model":"gpt-3.5-turbo-instruct","prompt":"Say hi","temperature":0.5,"max_tokens":600}"""));
            assertThat(server.take().json()).isEqualTo(json("""
                    {"model":"davinci-002","prompt":"Say hi","temperature":0.5,"max_tokens":5}"""));
        }

        @Test
        void embeddingSendsACurrentDefaultModelAndAcceptsStringOrList() throws Exception {
            client.embedding("one");
            client.embedding(List.of("a", "b"), Map.of("model", "text-embedding-3-large", "dimensions", 8));
            Recorded single = server.take();
            assertThat(single.path()).isEqualTo("/v1/embeddings");
            assertThat(single.json()).isEqualTo(json("{\"model\":\"text-embedding-3-small\",\"input\":\"one\"}"));
            assertThat(server.take().json()).isEqualTo(json(
                    "{\"model\":\"text-embedding-3-large\",\"input\":[\"a\",\"b\"],\"dimensions\":8}"));
        }

        @Test
        void embeddingAndModerationRequireInput() {
            assertThatThrownBy(() -> client.embedding(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
            assertThatThrownBy(() -> client.moderation(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
            assertThat(server.received()).isZero();
        }

        @Test
        void moderationPostsInputWithNoDefaultModel() throws Exception {
            client.moderation("is this ok?");
            client.moderation(List.of("a", "b"), Map.of("model", "omni-moderation-latest"));
            Recorded r = server.take();
            assertThat(r.path()).isEqualTo("/v1/moderations");
            assertThat(r.json()).isEqualTo(json("{\"input\":\"is this ok?\"}"));
            assertThat(server.take().json()).isEqualTo(json("{\"input\":[\"a\",\"b\"],\"model\":\"omni-moderation-latest\"}"));
        }

        @Test
        void modelsAndFilesAreGets() throws Exception {
            client.models().list();
            client.files().list();
            client.files().get("file-abc");
            client.files().delete("file-abc");
            assertThat(List.of(server.take(), server.take(), server.take(), server.take()))
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly("GET /v1/models", "GET /v1/files", "GET /v1/files/file-abc", "DELETE /v1/files/file-abc");
        }

        @Test
        void idsArePercentEncodedSoTheyCannotChangeThePath() throws Exception {
            client.files().get("../models?x=1");
            assertThat(server.take().path()).isEqualTo("/v1/files/..%2Fmodels%3Fx%3D1");
        }

        @Test
        void imageGenerationSendsParamsUnchangedWithNoDefaultModel() throws Exception {
            client.imageGeneration(Map.of("prompt", "a red cat", "n", 1, "size", "256x256"));
            Recorded r = server.take();
            assertThat(r.method() + " " + r.path()).isEqualTo("POST /v1/images/generations");
            assertThat(r.json()).isEqualTo(json("{\"prompt\":\"a red cat\",\"n\":1,\"size\":\"256x256\"}"));
        }

        @Test
        void createResponsePostsDefaultModelAndInputAndOptionsOverride() throws Exception {
            client.createResponse("hello");
            client.createResponse(List.of(Messages.user("hi")), Map.of("model", "gpt-5", "temperature", 0.5));
            Recorded first = server.take();
            assertThat(first.path()).isEqualTo("/v1/responses");
            assertThat(first.json()).isEqualTo(json("{\"model\":\"gpt-4.1\",\"input\":\"hello\"}"));
            assertThat(server.take().json()).isEqualTo(json(
                    "{\"model\":\"gpt-5\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.5}"));
        }

        @Test
        void createResponseDoesNotValidateItsInput() throws Exception {
            client.createResponse(List.of(Map.of("role", "developer", "content", 42)));
            assertThat(server.take().json().at("/input/0/role").asText()).isEqualTo("developer");
        }

        @Test
        void responseGetDeleteAndCancelUseTheIdPath() throws Exception {
            server.replyJson(200, "{\"id\":\"resp_1\",\"status\":\"completed\"}");
            ApiResponse got = client.response("resp_1");
            client.deleteResponse("resp_1");
            client.cancelResponse("resp_1");
            assertThat(got.body().get("status").asText()).isEqualTo("completed");
            assertThat(List.of(server.take(), server.take(), server.take()))
                    .extracting(r -> r.method() + " " + r.path() + " " + r.body().length)
                    .containsExactly("GET /v1/responses/resp_1 0", "DELETE /v1/responses/resp_1 0",
                            "POST /v1/responses/resp_1/cancel 0");
        }

        @Test
        void responseMethodsRequireAnId() {
            assertThatThrownBy(() -> client.response(null)).hasMessage("response_id is required");
            assertThatThrownBy(() -> client.deleteResponse(null)).hasMessage("response_id is required");
            assertThatThrownBy(() -> client.cancelResponse(null)).hasMessage("response_id is required");
            assertThatThrownBy(() -> client.files().get(null)).hasMessage("file_id is required");
            assertThat(server.received()).isZero();
        }

        @Test
        void rawResultsArePlainJsonWithoutHelpers() {
            server.replyJson(200, "{\"output\":[]}");
            assertThat(client.createResponse("x").body()).isInstanceOf(com.fasterxml.jackson.databind.node.ObjectNode.class);
        }

        @Test
        void genericRequestSendsAnyMethodPathAndBody() throws Exception {
            client.request("post", "/batches", Map.of("input_file_id", "f", "endpoint", "/v1/responses"));
            Recorded r = server.take();
            assertThat(r.method() + " " + r.path()).isEqualTo("POST /v1/batches");
            assertThat(r.json().get("input_file_id").asText()).isEqualTo("f");
            assertThatThrownBy(() -> client.request("GET", "models", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with \"/\"");
        }

        @Test
        void optionThatCannotBeSerializedIsAClearErrorAndNothingIsSent() {
            assertThatThrownBy(() -> client.createResponse("x", Map.of("metadata", new Object())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("option \"metadata\" cannot be serialized as JSON");
            assertThat(server.received()).isZero();
        }
    }
}
