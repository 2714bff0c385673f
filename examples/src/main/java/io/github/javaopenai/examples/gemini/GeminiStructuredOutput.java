package io.github.javaopenai.examples.gemini;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.structured.Nullable;
import io.github.javaopenai.structured.StructuredResult;
import java.util.List;
import java.util.Map;

/**
 * Asks Gemini for an answer that follows a schema generated from Java records, and reads it back
 * into the records: lua-openai's {@code examples/gemini/structured_output.lua}.
 */
public final class GeminiStructuredOutput {

    /** One step of the solution. */
    record Step(String explanation, String output) {
    }

    /** The whole solution; steps come first so the model reasons before it answers. */
    record MathReasoning(List<Step> steps,
            @JsonPropertyDescription("the final value of x") String finalAnswer,
            @Nullable String caveat) {
    }

    private GeminiStructuredOutput() {
    }

    /** Solves an equation step by step and prints each step. */
    public static void main(String[] args) {
        OpenAI client = GeminiExamples.client();
        StructuredResult<MathReasoning> result = client.parseChatCompletion(List.of(
                Messages.system("You are a helpful math tutor. Guide the user through the solution step by step."),
                Messages.user("How can I solve 8x + 7 = -23?")), Map.of(), MathReasoning.class);
        if (result instanceof StructuredResult.Refused<MathReasoning> refused) {
            System.out.println("The model refused: " + refused.refusal());
            return;
        }
        MathReasoning answer = result.orElseThrow();
        answer.steps().forEach(step -> System.out.println("- " + step.explanation() + " => " + step.output()));
        System.out.println("Answer: " + answer.finalAnswer());
        if (answer.caveat() != null) {
            System.out.println("Note: " + answer.caveat());
        }
    }
}
