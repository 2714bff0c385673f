package io.github.javaopenai.bench;

import java.util.List;
import java.util.Locale;

/** Names the clients compared and creates them. */
enum Clients {
    FLOOR, FLOOR_INLINE, THIS_CALLBACK, THIS_PULL, THIS_SESSION, OFFICIAL;

    /** Returns a new client of this kind talking to the given base URL. */
    BenchClient create(String baseUrl) {
        return switch (this) {
            case FLOOR -> FloorClient.create(baseUrl);
            case FLOOR_INLINE -> FloorClient.inline(baseUrl);
            case THIS_CALLBACK -> ThisClient.callback(baseUrl);
            case THIS_PULL -> ThisClient.pull(baseUrl);
            case THIS_SESSION -> ThisClient.session(baseUrl);
            case OFFICIAL -> new OfficialClient(baseUrl);
        };
    }

    /** Returns the name used on command lines: {@code this-callback}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the kind with the given command-line name. */
    static Clients of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The clients compared when streaming. */
    static final List<Clients> STREAMING = List.of(FLOOR, THIS_CALLBACK, THIS_PULL, THIS_SESSION, OFFICIAL);

    /** The clients compared on whole requests. */
    static final List<Clients> REQUESTS = List.of(FLOOR, FLOOR_INLINE, THIS_CALLBACK, OFFICIAL);
}
