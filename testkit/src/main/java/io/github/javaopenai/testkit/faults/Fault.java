package io.github.javaopenai.testkit.faults;

import java.io.IOException;

/**
 * Answers one request, well or badly: the unit a {@link FaultServer} script is made of.
 *
 * <p>An implementation writes raw bytes through the {@link FaultExchange}, so it can send
 * anything a broken server or proxy might: half a response, a reset, nothing at all. The server
 * closes the connection afterwards unless the fault already did. See {@link Faults} for ready-made
 * ones.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Fault {

    /** Answers the exchange's request. */
    void respond(FaultExchange exchange) throws IOException;
}
