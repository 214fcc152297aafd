package dev.switchboard.chaos;

import dev.switchboard.testing.CallLedger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load: callers on virtual threads, each calling one server in a loop (caller i calls server i mod n, so a
 * fault on one server cannot starve the others of callers), every call recorded in a {@link CallLedger}.
 */
final class Load implements AutoCloseable {

    /** Makes one call to {@code server}'s echo tool and says what became of it: {@link CallLedger#OK} or a code. */
    @FunctionalInterface
    interface Caller {
        String call(String server, int caller, long seq);
    }

    private static final Duration PACE = Duration.ofMillis(10);
    private final CallLedger ledger = new CallLedger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration deadline;
    private final Caller caller;
    private final AtomicLong probes = new AtomicLong();

    Load(List<String> servers, int callers, Duration deadline, Caller caller) {
        this.deadline = deadline;
        this.caller = caller;
        for (int c = 0; c < callers; c++) {
            int id = c;
            String server = servers.get(c % servers.size());
            threads.submit(() -> {
                for (long seq = 0; !stop.get() && !Thread.currentThread().isInterrupted(); seq++) {
                    callOnce(server, id, seq);
                    pace();
                }
            });
        }
    }

    /** Makes one call to {@code server} on this thread, records it, and says whether it returned a result. */
    boolean probe(String server) {
        return callOnce(server, -1, probes.incrementAndGet());
    }

    private boolean callOnce(String server, int id, long seq) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        String outcome;
        try {
            outcome = caller.call(server, id, seq);
        } catch (RuntimeException e) {
            // Not one of the typed errors the promise allows: recorded, and the run fails on it.
            outcome = "untyped:" + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            inFlight.decrementAndGet();
        }
        ledger.add(server, start, System.nanoTime(), deadline, outcome);
        return CallLedger.OK.equals(outcome);
    }

    /**
     * A short pause between a caller's calls: a steady load, not a flood. Unpaced, twenty callers make ~20,000 calls
     * a second; the ledger of a long run would not fit in memory, and the build beside it would starve.
     */
    private static void pace() {
        try {
            Thread.sleep(PACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CallLedger ledger() {
        return ledger;
    }

    /**
     * Stops the callers and waits for their last calls, at most a deadline and a margin: returns how many calls
     * were still unanswered then (every call must be answered, so anything but 0 breaks the promise).
     */
    int stop() throws InterruptedException {
        stop.set(true);
        threads.shutdown();
        threads.awaitTermination(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        return inFlight.get();
    }

    @Override
    public void close() {
        stop.set(true);
        threads.shutdownNow();
    }
}
