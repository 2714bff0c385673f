package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Iterates events pulled one at a time from a source that returns null at the end. */
final class PulledIterator implements Iterator<JsonNode> {

    private final Supplier<JsonNode> source;
    private JsonNode ahead;

    PulledIterator(Supplier<JsonNode> source) {
        this.source = source;
    }

    /** Waits for the next event; throws what the source throws. */
    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = source.get();
        }
        return ahead != null;
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode event = ahead;
        ahead = null;
        return event;
    }
}
