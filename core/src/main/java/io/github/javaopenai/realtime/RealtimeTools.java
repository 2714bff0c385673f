package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.sessions.ToolCall;
import io.github.javaopenai.sessions.ToolFunction;
import io.github.javaopenai.sessions.ToolLoop;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs a session's tool loop: a finished function call runs its Java function and sends the
 * output, and the end of a response that had such calls asks for the next response. Calls to
 * functions the loop does not know are left to the caller. Runs on the reader's thread.
 */
final class RealtimeTools {

    private final RealtimeSession session;
    private final ToolLoop loop;
    private final Set<String> answeredResponses = new HashSet<>();
    private int rounds;
    private String continuedResponse;

    RealtimeTools(RealtimeSession session, ToolLoop loop) {
        this.session = session;
        this.loop = loop;
    }

    /** Returns the {@code session.update} event declaring the loop's functions, or null without a loop. */
    ObjectNode declaration() {
        if (loop == null) {
            return null;
        }
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (ToolFunction function : loop.functions()) {
            ObjectNode tool = tools.addObject().put("type", "function").put("name", function.name());
            if (function.description() != null) {
                tool.put("description", function.description());
            }
            tool.set("parameters", function.parameters());
        }
        ObjectNode event = Json.object().put("type", "session.update");
        ObjectNode config = event.putObject("session").put("type", "realtime");
        config.set("tools", tools);
        config.put("tool_choice", "auto");
        return event;
    }

    /** Returns whether this {@code response.done} made the loop ask for another response. */
    boolean continues(JsonNode responseDone) {
        return loop != null && responseDone.path("response").path("id").asText().equals(continuedResponse);
    }

    void onEvent(JsonNode event) {
        if (loop == null) {
            return;
        }
        String type = event.path("type").asText();
        if (type.equals("response.function_call_arguments.done")) {
            String name = event.path("name").asText();
            if (loop.functions().stream().noneMatch(f -> f.name().equals(name))) {
                return;
            }
            String callId = event.path("call_id").asText();
            String output = loop.call(new ToolCall(callId, name, event.path("arguments").asText("")));
            ObjectNode reply = Json.object().put("type", "conversation.item.create");
            reply.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", output);
            session.send(reply);
            answeredResponses.add(event.path("response_id").asText());
        } else if (type.equals("response.done")) {
            if (!answeredResponses.remove(event.path("response").path("id").asText())) {
                rounds = 0;
                return;
            }
            if (++rounds > loop.maxRounds()) {
                throw new io.github.javaopenai.errors.ToolLoopException("tool loop stopped after " + loop.maxRounds()
                        + " rounds: the model still asks for tools");
            }
            continuedResponse = event.path("response").path("id").asText();
            session.createResponse();
        }
    }
}
