package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.transport.RequestBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the parts of one file to a created upload, each part streamed from its byte range of the
 * file, and returns their ids in file order.
 */
final class PartedUpload {

    /** One byte range of the file. */
    public record Part(int index, long offset, long length) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Uploads uploads;
    private final Path file;
    private final List<Part> parts;

    public PartedUpload(Uploads uploads, Path file, List<Part> parts) {
        this.uploads = uploads;
        this.file = file;
        this.parts = List.copyOf(parts);
    }

    /** Splits {@code size} bytes into parts of {@code partSize}, the last one holding the rest. */
    public static List<Part> split(long size, long partSize) {
        List<Part> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            parts.add(new Part(parts.size(), offset, Math.min(partSize, size - offset)));
        }
        return parts;
    }

    /**
     * Sends every part, at most {@code parallelism} at once, and returns their ids in file order;
     * after the first failure no further part is started.
     */
    public List<String> send(String uploadId, int parallelism) {
        if (parallelism == 1 || parts.size() == 1) {
            List<String> ids = new ArrayList<>();
            for (Part part : parts) {
                ids.add(sendPart(uploadId, part));
            }
            return ids;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, parts.size()), task -> {
            Thread thread = new Thread(task, "java-openai-upload-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (Part part : parts) {
                pending.add(pool.submit(() -> {
                    if (failed.get()) {
                        throw new CancellationException("an earlier part failed");
                    }
                    try {
                        return sendPart(uploadId, part);
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : pending) {
                ids.add(await(future, failed));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private String await(Future<String> future, AtomicBoolean failed) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new OpenAIException("interrupted while uploading parts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause && !(cause instanceof CancellationException)) {
                throw cause;
            }
            throw new IllegalStateException("a part upload failed", e.getCause());
        }
    }

    private String sendPart(String uploadId, Part part) {
        return partId(uploads.addPart(uploadId, body(file, part)), describe(uploadId, part, parts.size()));
    }

    /** Returns the part's bytes, streamed from its range of the file; shared with {@link AsyncPartedUpload}. */
    static RequestBody body(Path file, Part part) {
        return RequestBody.ofStream(() -> openRange(file, part.offset(), part.length()), part.length());
    }

    /** Names the part's request in error messages. */
    static String describe(String uploadId, Part part, int total) {
        return "POST /uploads/" + uploadId + "/parts (part " + (part.index() + 1) + " of " + total
                + ", bytes " + part.offset() + "-" + (part.offset() + part.length() - 1) + ")";
    }

    /** Returns the id of an added part, raising the {@link ApiException} of a failed or id-less answer. */
    static String partId(ApiResponse answer, String request) {
        ApiResponse added = Uploads.required(answer, request);
        String id = Uploads.id(added.body());
        if (id == null || id.isEmpty()) {
            throw ApiException.from(request + " (no part id in the answer)", added.status(), added.headers(),
                    added.body());
        }
        return id;
    }

    /** Opens a stream over {@code length} bytes of the file starting at {@code offset}. */
    public static InputStream openRange(Path file, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new RangeStream(Channels.newInputStream(channel), length);
    }

    /** Reads at most a given number of bytes from a stream, then reports its end. */
    private static final class RangeStream extends FilterInputStream {
        private long remaining;

        RangeStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return length == 0 ? 0 : -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
