package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/** Reads a (possibly partial) {@code calls:} map into a {@link CallPolicy} on top of a base, reporting problems. */
final class CallsReader {
    static final List<String> KEYS = List.of("max_total", "progress_extends_deadline", "retry_attempts",
            "retry_backoff", "max_concurrent_calls", "queue_wait", "breaker");
    static final List<String> BREAKER_KEYS = List.of("failure_threshold", "failure_rate", "window", "open_for",
            "half_open_calls");
    static final String EXPECTED = "a map with " + String.join(", ", KEYS);
    private static final String BREAKER_EXPECTED = "a map with " + String.join(", ", BREAKER_KEYS);
    private static final int MANY = 1_000_000;

    private CallsReader() {
    }

    /** The policy the section describes, each key falling back to {@code base}; null (after reporting) if invalid. */
    static CallPolicy read(Section c, CallPolicy base) {
        int before = c.problems().errorCount();
        c.rejectUnknown(KEYS);
        Duration maxTotal = OptionsReader.positive(c, "max_total");
        Boolean extend = c.bool("progress_extends_deadline");
        Integer attempts = c.integer("retry_attempts", 1, 100, "1 to 100; 1 means no retry");
        Duration backoff = OptionsReader.positive(c, "retry_backoff");
        Integer concurrent = c.integer("max_concurrent_calls", 1, MANY, "1 or more");
        Duration queueWait = c.duration("queue_wait");
        if (queueWait != null && queueWait.isNegative()) {
            c.error("queue_wait", Section.shown(c.raw("queue_wait")) + " is negative (expected: 0s or more)");
        }
        BreakerPolicy breaker = c.has("breaker") ? breaker(c.section("breaker", BREAKER_EXPECTED), base.breaker())
                : base.breaker();
        if (c.problems().errorCount() > before || breaker == null) {
            return null;
        }
        CallPolicy.Builder p = base.toBuilder().breaker(breaker);
        OptionsReader.set(maxTotal, p::maxTotal);
        OptionsReader.set(extend, p::progressExtendsDeadline);
        OptionsReader.set(attempts, p::retryAttempts);
        OptionsReader.set(backoff, p::retryBackoff);
        OptionsReader.set(concurrent, p::maxConcurrentCalls);
        OptionsReader.set(queueWait, p::queueWait);
        return p.build();
    }

    private static BreakerPolicy breaker(Section b, BreakerPolicy base) {
        int before = b.problems().errorCount();
        b.rejectUnknown(BREAKER_KEYS);
        Integer threshold = b.integer("failure_threshold", 1, MANY, "1 or more consecutive failures");
        Integer rate = b.integer("failure_rate", 1, 100, "a percentage from 1 to 100");
        Integer window = b.integer("window", 1, MANY, "1 or more calls");
        Duration openFor = OptionsReader.positive(b, "open_for");
        Integer halfOpen = b.integer("half_open_calls", 1, MANY, "1 or more trial calls");
        if (b.problems().errorCount() > before) {
            return null;
        }
        BreakerPolicy.Builder p = base.toBuilder();
        OptionsReader.set(threshold, p::failureThreshold);
        OptionsReader.set(rate, p::failureRate);
        OptionsReader.set(window, p::window);
        OptionsReader.set(openFor, p::openFor);
        OptionsReader.set(halfOpen, p::halfOpenCalls);
        return p.build();
    }
}
