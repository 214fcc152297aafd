package dev.switchboard.it;

import static org.awaitility.Awaitility.await;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Callers that call one tool of one server in a loop, each on a virtual thread of its own, counting what becomes of
 * their calls, until closed: the steady load of the tests that kill servers under it.
 */
final class LoopingCallers implements AutoCloseable {
    private final int callers;
    private final Map<ErrorCode, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** Starts {@code callers} callers of {@code server}'s {@code tool}, each call with {@code options}. */
    LoopingCallers(Switchboard sb, String server, String tool, int callers, CallOptions options)
            throws InterruptedException {
        this.callers = callers;
        CountDownLatch started = new CountDownLatch(callers);
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads.submit(() -> {
                started.countDown();
                for (int i = 0; !stop.get() && !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        sb.call(ToolCall.of(server, tool, Map.of("caller", caller, "i", i)), options);
                        successes.incrementAndGet();
                    } catch (SwitchboardException e) {
                        failures.computeIfAbsent(e.code(), k -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
        }
        started.await();
    }

    /** Waits until the callers together were served more times than there are callers. */
    void awaitServed() {
        long before = successes.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> successes.get() > before + callers);
    }

    /** How many calls failed, by code. */
    Map<ErrorCode, Long> failures() {
        Map<ErrorCode, Long> out = new java.util.TreeMap<>();
        failures.forEach((code, n) -> out.put(code, n.get()));
        return out;
    }

    /** Stops the callers and waits until each has finished its last call. */
    @Override
    public void close() {
        stop.set(true);
        threads.close();
    }
}
