package dev.switchboard.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Every call a load made, with when it started and ended, its deadline and what became of it, for checking the
 * promises of a chaos run afterwards: answered by the deadline, no failure on a healthy server, a crash costing no
 * more than the calls in flight. Thread-safe; times are {@link System#nanoTime()}.
 */
public final class CallLedger {

    /** The outcome of a call that returned a result. */
    public static final String OK = "ok";

    /**
     * One call.
     *
     * @param target   the server it was meant for
     * @param start    when it was made (nanoTime)
     * @param end      when it was answered (nanoTime)
     * @param deadline how long it was given
     * @param outcome  {@link #OK} or the failure: a typed error's code, or {@code untyped:<exception>}
     */
    public record Entry(String target, long start, long end, Duration deadline, String outcome) {
        /** Whether it returned a result. */
        public boolean ok() {
            return OK.equals(outcome);
        }

        /** How long it took. */
        public Duration took() {
            return Duration.ofNanos(end - start);
        }

        /** Whether it was in flight at {@code instant}. */
        public boolean inFlightAt(long instant) {
            return start <= instant && end >= instant;
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> lastServedStart = new ConcurrentHashMap<>();

    /** Records one call. */
    public void add(String target, long start, long end, Duration deadline, String outcome) {
        entries.add(new Entry(target, start, end, deadline, outcome));
        if (OK.equals(outcome)) {
            lastServedStart.merge(target, start, Math::max);
        }
    }

    /** Whether a call to {@code target} that started at or after {@code instant} returned a result (cheap to poll). */
    public boolean servedSince(String target, long instant) {
        Long last = lastServedStart.get(target);
        return last != null && last - instant >= 0;
    }

    /** Every call so far, in the order they were answered. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The calls that match, in the order they were answered. */
    public List<Entry> where(Predicate<Entry> which) {
        List<Entry> out = new ArrayList<>();
        entries.forEach(e -> {
            if (which.test(e)) {
                out.add(e);
            }
        });
        return out;
    }

    /** Calls answered later than their deadline plus {@code grace}. */
    public List<Entry> late(Duration grace) {
        return where(e -> e.took().compareTo(e.deadline().plus(grace)) > 0);
    }

    /** How many calls ended in each outcome, among those that match. */
    public Map<String, Long> outcomes(Predicate<Entry> which) {
        Map<String, Long> counts = new TreeMap<>();
        where(which).forEach(e -> counts.merge(e.outcome(), 1L, Long::sum));
        return counts;
    }

    /** The first call to {@code target} that started at or after {@code instant} and returned a result, or null. */
    public Entry firstServedAfter(String target, long instant) {
        return where(e -> e.target().equals(target) && e.start() >= instant && e.ok()).stream()
                .min((a, b) -> Long.compare(a.end(), b.end())).orElse(null);
    }
}
