package io.github.javaopenai.internal.engine;

import static io.github.javaopenai.internal.engine.Futures.discard;
import static io.github.javaopenai.internal.engine.Futures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.IdleWatchdog;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.NonBlockingBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

/**
 * The async form of {@link Downloads}: answers whose body is data (file content, speech), checked
 * for a 2xx status and read into a file or into memory with no thread waiting for the data.
 *
 * <p>The request is retried, timed out and observed as {@link AsyncRequester}'s calls are, until
 * its status arrives; the body is never retried. A status other than 2xx fails the future with its
 * {@link ApiException}. A body silent for the stream idle timeout fails it with a
 * {@link StreamTimeoutException}, another failed read with an {@link UncheckedIOException}, as the
 * blocking download throws. Cancelling the future aborts the exchange. Futures complete on the
 * client's async executor, which also writes the file.
 */
public final class AsyncDownloads {

    private final Requester requester;
    private final Duration idleTimeout;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final BiFunction<TransportRequest, CallObservation, CompletableFuture<TransportResponse>> opener;

    AsyncDownloads(Requester requester, Duration idleTimeout, Executor executor, ScheduledExecutorService scheduler,
            BiFunction<TransportRequest, CallObservation, CompletableFuture<TransportResponse>> opener) {
        this.requester = requester;
        this.idleTimeout = idleTimeout;
        this.executor = executor;
        this.scheduler = scheduler;
        this.opener = opener;
    }

    /**
     * Sends the request and writes its body to a temporary file beside {@code target}, moved onto
     * the target once the whole body is there; on a failure or a cancel the temporary file is
     * deleted and the target left as it was. Completes with the target.
     */
    public CompletableFuture<Path> toFile(String method, String path, JsonNode body, String accept, Path target) {
        Path absolute = target.toAbsolutePath();
        return open(method, path, body, accept, response -> {
            Path temp;
            OutputStream out;
            try {
                temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
                out = Files.newOutputStream(temp);
            } catch (IOException e) {
                discard(response);
                return CompletableFuture.failedFuture(new UncheckedIOException("downloading to " + target
                        + " failed", e));
            }
            CompletableFuture<Long> copied = copy(response, out);
            CompletableFuture<Path> saved = new CompletableFuture<>();
            // Runs even when the caller cancelled, which completes saved first: the file is removed then too.
            copied.whenComplete((count, failure) -> {
                closeQuietly(out);
                RuntimeException error = failure == null ? null
                        : readFailure(failure, "downloading to " + target + " failed");
                if (error == null && !saved.isDone()) {
                    try {
                        move(temp, absolute);
                    } catch (IOException e) {
                        error = new UncheckedIOException("downloading to " + target + " failed", e);
                    }
                }
                deleteQuietly(temp); // before the caller hears: gone by now after a move
                if (error != null) {
                    saved.completeExceptionally(error);
                } else {
                    saved.complete(target);
                }
            });
            saved.whenComplete((done, failure) -> {
                if (saved.isCancelled()) {
                    copied.cancel(true); // closes the body, and so the handler above deletes the file
                }
            });
            return saved;
        });
    }

    /** Sends the request and completes with its whole body, as the blocking download would copy it. */
    public CompletableFuture<byte[]> toBytes(String method, String path, JsonNode body, String accept) {
        return open(method, path, body, accept, response -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CompletableFuture<Long> copied = copy(response, bytes);
            CompletableFuture<byte[]> read = copied.handle((count, failure) -> {
                if (failure != null) {
                    throw readFailure(failure, "copying the response body failed");
                }
                return bytes.toByteArray();
            });
            read.whenComplete((done, failure) -> {
                if (read.isCancelled()) {
                    copied.cancel(true);
                }
            });
            return read;
        });
    }

    /** A step that reads a 2xx answer's body, started on the async executor. */
    private interface BodyStep<T> {
        CompletableFuture<T> start(TransportResponse response);
    }

    private <T> CompletableFuture<T> open(String method, String path, JsonNode body, String accept, BodyStep<T> step) {
        CallObservation observation = requester.observe(method, path, body, false);
        TransportRequest request = requester.request(method, path, body, accept, Map.of());
        CompletableFuture<TransportResponse> opened = opener.apply(
                observation == null ? request : observation.decorate(request), observation);
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((done, failure) -> {
            opened.cancel(true); // a no-op once it completed
            if (observation != null && failure instanceof CancellationException cancelled) {
                observation.fail(cancelled); // the caller cancelled
            }
        });
        opened.whenComplete((response, failure) -> {
            if (failure != null) {
                fail(result, observation, unwrap(failure));
            } else if (result.isDone()) {
                discard(response);
            } else if (response.status() >= 200 && response.status() < 300) {
                if (observation != null) { // the call is done once its body is handed over, as Downloads has it
                    observation.finish(new ApiResponse(response.status(), TextNode.valueOf(""), response.headers()));
                }
                CompletableFuture<T> read = step.start(response);
                result.whenComplete((done, readFailure) -> read.cancel(true));
                read.whenComplete((value, readFailure) -> {
                    if (readFailure != null) {
                        result.completeExceptionally(unwrap(readFailure));
                    } else {
                        result.complete(value);
                    }
                });
            } else {
                // An error status: its body is read whole and thrown as the blocking call throws it.
                ByteArrayOutputStream error = new ByteArrayOutputStream();
                CompletableFuture<Long> read = copy(response, error);
                result.whenComplete((done, readFailure) -> read.cancel(true));
                read.whenComplete((count, readFailure) -> {
                    discard(response);
                    fail(result, observation, readFailure == null
                            ? ApiException.from(method + " " + path, response.status(), response.headers(),
                                    Json.decodeBody(error.toByteArray()))
                            : readFailure(readFailure, request.uri()));
                });
            }
        });
        return result;
    }

    private CompletableFuture<Long> copy(TransportResponse response, OutputStream out) {
        InputStream body = response.body();
        if (body instanceof NonBlockingBody signal) {
            return WholeBodyReader.copy(body, signal, out, idleTimeout, executor, scheduler);
        }
        // A blocking transport's body: read on an executor thread, the idle timeout watched as in Downloads.
        IdleWatchdog.WatchedStream watched = IdleWatchdog.watch(body, idleTimeout);
        CompletableFuture<Long> copied = new CompletableFuture<>();
        copied.whenComplete((count, failure) -> closeQuietly(watched));
        executor.execute(() -> {
            try (watched) {
                copied.complete(watched.transferTo(out));
            } catch (IOException e) {
                copied.completeExceptionally(watched.timedOut() ? new Requester.BodyIdleException(idleTimeout, e) : e);
            }
        });
        return copied;
    }

    /** The failure to read an error answer's body, as {@link Downloads#open} reports it. */
    private static RuntimeException readFailure(Throwable failure, java.net.URI uri) {
        Throwable cause = unwrap(failure);
        return cause instanceof IOException e ? new ConnectionException(uri, e)
                : cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private RuntimeException readFailure(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Requester.BodyIdleException idle) {
            return new StreamTimeoutException(idleTimeout, idle.getCause());
        }
        if (cause instanceof IOException e) {
            return new UncheckedIOException(what, e);
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static void fail(CompletableFuture<?> result, CallObservation observation, Throwable failure) {
        if (observation != null && !result.isDone()) {
            observation.fail(failure);
        }
        result.completeExceptionally(failure);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Done with it either way.
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the original outcome is the one worth reporting
        }
    }
}
