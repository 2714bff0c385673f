package io.github.javaopenai.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streams one chat completion of {@code events} events per operation over loopback: SSE decoding
 * plus one JSON parse per chat chunk, through each client. Divide the score and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} by {@code events} for the figures per event. The server runs in a JVM
 * of its own, so that its work is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StreamingBenchmark {

    /** The client measured. */
    @Param({"floor", "this-callback", "this-pull", "this-session", "official"})
    public String client;

    /** Events per stream. */
    @Param("20000")
    public int events;

    private ServerProcess server;
    private BenchClient bench;
    private long expected;

    /** Starts the server and the client. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        server = ServerProcess.start(Settings.javaOfThisJvm(), Classpath.join(Classpath.entries()));
        bench = Clients.of(client).create(server.baseUrl("/e" + events));
        expected = Payloads.expectedChars(events);
    }

    /** Streams one chat completion. */
    @Benchmark
    public long stream() throws Exception {
        long chars = bench.stream();
        if (chars != expected) {
            throw new IllegalStateException(client + " received " + chars + " characters, expected " + expected);
        }
        return chars;
    }

    /** Stops the client and the server. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        bench.close();
        server.close();
    }
}
