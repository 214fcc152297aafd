package dev.switchboard.internal.upstream;

import java.time.Duration;

/**
 * When one call must be finished: its timeout from the start, optionally restarted by each progress report, and
 * never later than a hard limit. Shared by all attempts of a call; thread-safe.
 */
public final class Deadline {
    private final Ticker ticker;
    private final long startNanos;
    private final long timeoutNanos;
    private final long hardNanos;
    private final boolean extendOnProgress;
    private volatile long deadlineNanos;

    private Deadline(Ticker ticker, Duration timeout, Duration maxTotal, boolean extendOnProgress) {
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        Duration limit = timeout.compareTo(maxTotal) > 0 ? maxTotal : timeout;
        this.timeoutNanos = limit.toNanos();
        this.hardNanos = startNanos + maxTotal.toNanos();
        this.extendOnProgress = extendOnProgress;
        this.deadlineNanos = startNanos + timeoutNanos;
    }

    /**
     * A deadline {@code timeout} from now (capped at {@code maxTotal}) that progress may push back up to it.
     *
     * @param ticker where the time is read, now and on every later question
     */
    public static Deadline of(Ticker ticker, Duration timeout, Duration maxTotal, boolean extendOnProgress) {
        return new Deadline(ticker, timeout, maxTotal, extendOnProgress);
    }

    /** A fixed deadline {@code timeout} from now, on the system's time. */
    public static Deadline of(Duration timeout) {
        return new Deadline(Ticker.SYSTEM, timeout, timeout, false);
    }

    /** Nanoseconds left; zero or less once passed. */
    public long remainingNanos() {
        return deadlineNanos - ticker.nanoTime();
    }

    /** The deadline as a value of its {@link Ticker}. */
    long atNanos() {
        return deadlineNanos;
    }

    public boolean passed() {
        return remainingNanos() <= 0;
    }

    /** How long the call has been running. */
    public Duration elapsed() {
        return Duration.ofNanos(ticker.nanoTime() - startNanos);
    }

    /** The timeout it started with (capped at the hard limit). */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Whether progress reports restart the timeout. */
    public boolean extendsOnProgress() {
        return extendOnProgress;
    }

    /** Progress was reported: the timeout starts again, never beyond the hard limit. */
    void progressed() {
        if (extendOnProgress) {
            deadlineNanos = Math.min(hardNanos, ticker.nanoTime() + timeoutNanos);
        }
    }
}
