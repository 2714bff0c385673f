package io.github.javaopenai.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(new Stats(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
        assertThat(new Stats(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void minAndMaxIgnoreOrder() {
        Stats stats = new Stats(List.of(2.0, 9.0, -1.0));
        assertThat(stats.min()).isEqualTo(-1.0);
        assertThat(stats.max()).isEqualTo(9.0);
    }

    @Test
    void percentileTakesTheNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(Stats.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void rejectsNoSamples() {
        assertThatThrownBy(() -> new Stats(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one sample");
    }
}
