package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeReply;
import io.github.javaopenai.realtime.RealtimeSession;
import io.github.javaopenai.testkit.FakeOpenAI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Talks with a realtime model over one WebSocket session: a text turn with a prompt, one per line
 * from stdin without one, or a spoken turn from a WAV file; text and transcripts print as they
 * stream, and the spoken answer can be saved as a WAV file.
 */
@Command(name = "realtime", mixinStandardHelpOptions = true,
        description = {"Talk with a realtime model over a WebSocket. With a PROMPT, one text turn; without,"
                + " one turn per stdin line until end of input or /exit. --audio-in sends a WAV file"
                + " (16-bit PCM, mono, 24 kHz) as the turn. The session is never reconnected: if the"
                + " server closes it, the command ends with the close code and reason."})
final class RealtimeCommand implements Callable<Integer> {

    /** The model when none is given. */
    static final String DEFAULT_MODEL = "gpt-realtime";
    /** The text and transcript deltas, by their GA names and by the beta API's, which some servers still send. */
    private static final java.util.Set<String> PRINTED_DELTAS = java.util.Set.of("response.output_text.delta",
            "response.output_audio_transcript.delta", "response.text.delta", "response.audio_transcript.delta");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The message to send (words are joined).")
    List<String> prompt;

    @Option(names = {"-s", "--instructions"}, paramLabel = "TEXT", description = "Session instructions.")
    String instructions;

    @Option(names = "--audio-in", paramLabel = "FILE.wav", description = "Send the audio of this WAV file as the turn.")
    Path audioIn;

    @Option(names = "--audio-out", paramLabel = "FILE.wav",
            description = "Ask for a spoken answer and save it to this WAV file (the transcript prints).")
    Path audioOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ClientOptions.Connection connection = options.connect()) {
            OpenAI client = connection.isOffline()
                    ? OpenAI.newBuilder().baseUrl(connection.server().realtime().baseUrl()).apiKey(FakeOpenAI.API_KEY).build()
                    : connection.client();
            try (RealtimeSession session = client.realtime(options.model != null ? options.model : DEFAULT_MODEL,
                    RealtimeOptions.defaults())) {
                configure(session);
                if (audioIn != null) {
                    session.sendAudio(audioIn);
                    session.createResponse();
                    print(session, out);
                } else if (prompt != null && !prompt.isEmpty()) {
                    session.sendText(String.join(" ", prompt));
                    print(session, out);
                } else {
                    interact(session, out);
                }
            } catch (ApiException e) {
                throw ApiFailure.of(e);
            } finally {
                if (client != connection.client()) {
                    client.close();
                }
            }
        }
        return 0;
    }

    private void configure(RealtimeSession session) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("output_modalities", List.of(audioOut != null ? "audio" : "text"));
        if (instructions != null) {
            fields.put("instructions", instructions);
        }
        session.updateSession(fields);
    }

    private void interact(RealtimeSession session, PrintWriter out) throws Exception {
        boolean console = System.console() != null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            if (console) {
                spec.commandLine().getErr().print("you> ");
                spec.commandLine().getErr().flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/exit")) {
                return;
            }
            if (!line.isBlank()) {
                session.sendText(line.strip());
                print(session, out);
            }
        }
    }

    private void print(RealtimeSession session, PrintWriter out) {
        LineEndOnExit.install(out);
        RealtimeReply reply = session.awaitReply(event -> {
            String type = event.path("type").asText();
            if (options.json) {
                out.println(event);
                out.flush();
            } else if (PRINTED_DELTAS.contains(type)) {
                printDelta(out, event);
            }
        });
        if (!options.json) {
            out.println();
        }
        out.flush();
        LineEndOnExit.endedLine();
        if (audioOut != null) {
            reply.writeWav(audioOut);
            spec.commandLine().getErr().println("java-openai: saved " + reply.audio().length / 48 + " ms of audio to "
                    + audioOut);
            spec.commandLine().getErr().flush();
        }
    }

    private static void printDelta(PrintWriter out, JsonNode event) {
        LineEndOnExit.startedLine();
        out.print(event.path("delta").asText());
        out.flush();
    }
}
