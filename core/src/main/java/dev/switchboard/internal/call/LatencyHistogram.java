package dev.switchboard.internal.call;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with log-linear buckets (16 per power of two, so a percentile is within about 6%),
 * in microseconds from 1 us to about 50 days. Small and allocation-free on record, so that every call can afford
 * it; Micrometer, when bound, keeps its own percentiles.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 42;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
    }

    /** The latency below which a fraction {@code q} (0 to 1) of the recorded calls fall; zero when empty. */
    Duration percentile(double q) {
        long total = 0;
        long[] snapshot = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Duration.ofNanos(middle(i) * 1000);
            }
        }
        return Duration.ofNanos(middle(BUCKETS - 1) * 1000);
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB - 1);
        return Math.min(BUCKETS - 1, (exponent - SUB_BITS + 1) * SUB + sub);
    }

    /** The lowest value of a bucket, in microseconds. */
    static long lowest(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        return (1L << exponent) + ((long) (index % SUB) << (exponent - SUB_BITS));
    }

    private static long middle(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        return lowest(index) + (1L << (exponent - SUB_BITS)) / 2;
    }
}
