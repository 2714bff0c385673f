package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** 1,000 concurrent streams on platform threads finish, and leave no thread or connection behind. */
class StreamingLoadTest {

    @Test
    void thousandConcurrentStreamsOnPlatformThreadsLeakNothing() throws Exception {
        StreamingLoad.Figures figures = StreamingLoad.run(Executors.newFixedThreadPool(StreamingLoad.STREAMS));
        System.out.println("platform threads: " + figures);
        assertThat(figures.peakConnections()).isEqualTo(StreamingLoad.STREAMS);
        assertThat(figures.threadsAfter()).as("threads after").isLessThanOrEqualTo(figures.threadsBefore());
        assertThat(figures.fdsAfter()).as("open file descriptors after").isLessThanOrEqualTo(figures.fdsBefore() + 5);
    }
}
