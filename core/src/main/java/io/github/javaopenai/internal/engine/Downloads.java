package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.IdleWatchdog;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Opens responses whose body is data rather than JSON (file content, speech), checking the status. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * Sends the request and returns its body unread once the status is 2xx.
     *
     * @throws ApiException when the status is not 2xx, after reading the error body
     */
    public static InputStream open(Requester requester, String method, String path, JsonNode body, String accept) {
        CallObservation call = requester.observe(method, path, body, false);
        TransportRequest request = requester.request(method, path, body, accept, Map.of());
        try {
            TransportResponse response = call == null ? requester.open(request)
                    : requester.withRetries(call.decorate(request), answer -> answer, call);
            if (response.status() >= 200 && response.status() < 300) {
                if (call != null) { // the call is done once its body is handed over
                    call.finish(new ApiResponse(response.status(), TextNode.valueOf(""), response.headers()));
                }
                // A stalled download is closed by the watchdog instead of hanging its reader forever.
                return IdleWatchdog.watch(response.body(), requester.streamIdleTimeout());
            }
            try (response) {
                JsonNode error = Json.decodeBody(response.body().readAllBytes());
                throw ApiException.from(method + " " + path, response.status(), response.headers(), error);
            } catch (IOException e) {
                throw new ConnectionException(request.uri(), e);
            }
        } catch (RuntimeException e) {
            if (call != null) {
                call.fail(e);
            }
            throw e;
        }
    }

    /** Copies the stream to the target file through a temporary sibling, so a failure leaves no half file. */
    public static long toFile(InputStream in, Path target) {
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try (in) {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            long written;
            try (OutputStream out = Files.newOutputStream(temp)) {
                written = in.transferTo(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw stalled(in, e).orElseGet(() -> new UncheckedIOException("downloading to " + target + " failed", e));
        }
    }

    /** Copies the stream to the output stream, which stays open, then closes the input. */
    public static long toStream(InputStream in, OutputStream out) {
        try (in) {
            return in.transferTo(out);
        } catch (IOException e) {
            throw stalled(in, e).orElseGet(() -> new UncheckedIOException("copying the response body failed", e));
        }
    }

    /** Returns the timeout to report when the watchdog closed a stalled download. */
    private static java.util.Optional<RuntimeException> stalled(InputStream in, IOException e) {
        if (in instanceof IdleWatchdog.WatchedStream watched && watched.timedOut()) {
            return java.util.Optional.of(new StreamTimeoutException(watched.idleTimeout(), e));
        }
        return java.util.Optional.empty();
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
        }
    }
}
