package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * 1,000 concurrent streams on virtual threads finish, leak nothing, and never pin a carrier
 * thread inside the library. Needs JDK 21 or later: the build runs it only there (see the
 * {@code jdk21-virtual-threads} profile in testkit/pom.xml); virtual threads are reached through
 * reflection so that the sources still compile for Java 17.
 */
class StreamingLoadVirtualThreadTest {

    @Test
    void thousandConcurrentStreamsOnVirtualThreadsLeakNothingAndNeverPinInTheLibrary() throws Exception {
        ExecutorService virtual = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        Path jfr = Files.createTempFile("pinning", ".jfr");
        StreamingLoad.Figures figures;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            figures = StreamingLoad.run(virtual);
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr);
        Files.delete(jfr);
        System.out.println("virtual threads: " + figures + ", pinned events: " + pinned.size() + " at "
                + pinned.stream().map(StreamingLoadVirtualThreadTest::topFrame).distinct().toList());
        assertThat(figures.peakConnections()).isEqualTo(StreamingLoad.STREAMS);
        assertThat(figures.threadsAfter()).as("threads after").isLessThanOrEqualTo(figures.threadsBefore());
        assertThat(figures.fdsAfter()).as("open file descriptors after").isLessThanOrEqualTo(figures.fdsBefore() + 5);
        assertThat(pinned).as("carrier threads pinned inside io.github.javaopenai")
                .noneMatch(StreamingLoadVirtualThreadTest::inLibrary);
    }

    private static String topFrame(RecordedEvent event) {
        if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
            return "?";
        }
        var method = event.getStackTrace().getFrames().get(0).getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static boolean inLibrary(RecordedEvent event) {
        return event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .anyMatch(method -> method.getType().getName().startsWith("io.github.javaopenai.")
                        && !method.getType().getName().startsWith("io.github.javaopenai.testkit."));
    }
}
