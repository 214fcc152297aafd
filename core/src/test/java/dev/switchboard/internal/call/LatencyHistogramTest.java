package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Percentiles of the call latency histogram are within its bucket precision (about 6%). */
class LatencyHistogramTest {
    @Test
    void anEmptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentile(0.5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinBucketPrecision() {
        var h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(Duration.ofMillis(ms).toNanos());
        }
        assertThat(h.percentile(0.50).toMillis()).isCloseTo(500, within(500 * 7 / 100L));
        assertThat(h.percentile(0.95).toMillis()).isCloseTo(950, within(950 * 7 / 100L));
        assertThat(h.percentile(0.99).toMillis()).isCloseTo(990, within(990 * 7 / 100L));
    }

    @Test
    void aFewSlowCallsShowInTheTailOnly() {
        var h = new LatencyHistogram();
        for (int i = 0; i < 980; i++) {
            h.record(200_000L);
        }
        for (int i = 0; i < 20; i++) {
            h.record(Duration.ofSeconds(2).toNanos());
        }
        assertThat(h.percentile(0.50).toNanos() / 1000).isCloseTo(200, within(14L));
        assertThat(h.percentile(0.99).toMillis()).isCloseTo(2000, within(140L));
    }

    @Test
    void bucketsCoverEveryValueWithoutGaps() {
        for (long us = 0; us < 1 << 20; us += 7) {
            int i = LatencyHistogram.index(us);
            assertThat(LatencyHistogram.lowest(i)).isLessThanOrEqualTo(us);
            assertThat(LatencyHistogram.lowest(i + 1)).isGreaterThan(us);
        }
    }
}
