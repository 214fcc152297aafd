package dev.switchboard.internal.call;

import dev.switchboard.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The numbers of one server or one tool: calls ended, errors by code, calls in flight, latency. */
final class ToolMeter {
    private final LongAdder calls = new LongAdder();
    private final AtomicLongArray errors = new AtomicLongArray(ErrorCode.values().length);
    private final AtomicLong inFlight = new AtomicLong();
    private final LatencyHistogram latency = new LatencyHistogram();

    void started() {
        inFlight.incrementAndGet();
    }

    /** A call ended: {@code code} is null for a good result, TOOL_ERROR for {@code isError}, else the failure. */
    void ended(ErrorCode code, long nanos) {
        inFlight.decrementAndGet();
        calls.increment();
        if (code != null) {
            errors.incrementAndGet(code.ordinal());
        }
        latency.record(nanos);
    }

    long calls() {
        return calls.sum();
    }

    long inFlight() {
        return inFlight.get();
    }

    AtomicLong inFlightCounter() {
        return inFlight;
    }

    Map<ErrorCode, Long> errors() {
        Map<ErrorCode, Long> out = new EnumMap<>(ErrorCode.class);
        for (ErrorCode c : ErrorCode.values()) {
            long n = errors.get(c.ordinal());
            if (n > 0) {
                out.put(c, n);
            }
        }
        return out;
    }

    LatencyHistogram latency() {
        return latency;
    }
}
