package dev.switchboard.chaos;

import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.ResourceBaseline;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What the library and gateway runs share: their settings, their faults and the leak check at the end. */
final class Chaos {
    /** Rounds of every fault: 1 in the short form, more in the long form ({@code -Pchaos}). */
    static final int ROUNDS = Integer.getInteger("chaos.rounds", 1);
    /** How long a stopped process or a black hole lasts. */
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("chaos.outageSeconds", 2));
    static final int CALLERS = 20;
    /**
     * Each call's deadline: long enough for a restart of a server's JVM on a loaded 2-core machine, so a call made
     * during one can wait for it; a call to a stopped server runs into it.
     */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The promise: every call answered within its deadline and this. */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** Heap after a full GC may exceed the baseline by this much (caches warmed by the run, JIT data). */
    static final long HEAP_MARGIN = 32L * 1024 * 1024;

    private Chaos() {
    }

    /** Every fault a server can suffer, in the order a run plays them. */
    static List<Fault> serverFaults(Fleet fleet, Switchboard sb) {
        AtomicLong stoppedPid = new AtomicLong();
        return new ArrayList<>(List.of(
                Fault.crash("SIGKILL of a stdio server", Fleet.KILLED, () -> {
                    ProcessHandle victim = Fleet.processOf(fleet.killed);
                    victim.destroyForcibly();
                    victim.onExit().join();
                }),
                Fault.outage("SIGSTOP of a stdio server, SIGCONT after " + OUTAGE.toSeconds() + " s", Fleet.STOPPED,
                        () -> {
                            stoppedPid.set(Fleet.processOf(fleet.stopped).pid());
                            signal(stoppedPid.get(), "STOP");
                        }, OUTAGE, () -> signal(stoppedPid.get(), "CONT")),
                Fault.crash("HTTP server killed, restarted on its port", Fleet.RESTARTED, fleet::killHttpServer,
                        fleet::startHttpServer),
                Fault.crash("upstream session expired (HTTP 404)", Fleet.EXPIRED, fleet.expired::expireSessions),
                Fault.crash("stdio server starts writing garbage", Fleet.GARBLED, () -> garble(sb)),
                Fault.crash("SSE connections reset (RST)", Fleet.PROXIED, fleet.proxy::resetAll),
                Fault.crash("legacy SSE session forgotten (HTTP 404)", Fleet.PROXIED, fleet.sse::expireSessions),
                Fault.outage("SSE connections black-holed for " + OUTAGE.toSeconds() + " s", Fleet.PROXIED,
                        fleet.proxy::blackHole, OUTAGE, fleet.proxy::heal),
                Fault.outage("SSE traffic held 1 s each way for " + OUTAGE.toSeconds() + " s", Fleet.PROXIED,
                        () -> fleet.proxy.delay(Duration.ofSeconds(1)), OUTAGE, fleet.proxy::heal),
                Fault.outage("SSE answers cut off after 64 bytes for " + OUTAGE.toSeconds() + " s", Fleet.PROXIED,
                        () -> fleet.proxy.truncate(64), OUTAGE, fleet.proxy::heal)));
    }

    /** After every fault: exactly one process serves each stdio server (no orphan, none missing). */
    static List<String> oneProcessEach(Fleet fleet) {
        List<String> problems = new ArrayList<>();
        for (Scenario s : List.of(fleet.killed, fleet.stopped, fleet.garbled)) {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> Fleet.processCount(s) == 1);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                problems.add(Fleet.processCount(s) + " processes serve " + s.name() + " (expected: 1)");
            }
        }
        return problems;
    }

    /**
     * Waits until nothing is left beyond {@code before} (threads and descriptors are released a moment after
     * close, by cleaners and pools' idle timeouts), and returns what still is after a minute.
     */
    static List<String> leaksSince(ResourceBaseline before) {
        return settled(() -> ResourceBaseline.now().leaksSince(before, HEAP_MARGIN));
    }

    /** Runs {@code check} until it finds nothing, at most a minute; returns what it found last (empty: settled). */
    static List<String> settled(Supplier<List<String>> check) {
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            // Polled on this thread: a poller thread of Awaitility's own would count as left behind.
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(0, check.get());
                        return last.get(0).isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return last.get(0);
        }
        return List.of();
    }

    /** Calls the tool that turns the garbled server to garbage, and waits until that call has failed. */
    private static void garble(Switchboard sb) throws InterruptedException {
        Thread call = Thread.ofVirtual().start(() -> {
            try {
                sb.call(Fleet.GARBLED, "garble", Map.of(), DEADLINE);
            } catch (RuntimeException expected) {
                // its answer is garbage: the call fails, as the fault intends
            }
        });
        call.join();
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
        }
    }
}
