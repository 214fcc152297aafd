package dev.switchboard.chaos;

import dev.switchboard.testing.CallLedger;
import dev.switchboard.testing.CallLedger.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Injects faults one after another under a {@link Load} and checks, from the ledger, the promises each must keep:
 * every call answered (a result or a typed error) within its deadline plus a grace; no call to a server that was not
 * the victim of a fault at the time fails; a crash costs at most the calls in flight on its server when it struck;
 * the victim serves again, and how soon. Prints the figures of every fault and of the whole run.
 */
final class ChaosRun {
    /** How long a server may take to serve again after a fault before the run calls it lost. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    /**
     * One fault as it happened: injected from {@code start} to {@code struck}, healed at {@code healed}, all serving
     * again at {@code end}.
     */
    private record Window(Fault fault, int round, long start, long struck, long healed, long end, long servedAgain) {
        boolean overlaps(Entry e) {
            return e.start() <= end && e.end() >= start;
        }
    }

    private final Load load;
    private final DownTimes downs;
    private final List<String> servers;
    private final Supplier<List<String>> afterEach;
    private final List<Window> windows = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    /**
     * {@code downs} must hear the Switchboard under load; {@code afterEach} checks the state after every fault (e.g.
     * one process per stdio server) and names what is wrong.
     */
    ChaosRun(Load load, DownTimes downs, List<String> servers, Supplier<List<String>> afterEach) {
        this.load = load;
        this.downs = downs;
        this.servers = servers;
        this.afterEach = afterEach;
    }

    /** Plays every fault {@code rounds} times, each after every server served again. */
    void play(List<Fault> faults, int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            for (Fault f : faults) {
                awaitEveryServerServing();
                long start = System.nanoTime();
                f.inject().run();
                long struck = System.nanoTime();
                if (f.hold().isPositive()) {
                    Thread.sleep(f.hold()); // the fault itself lasts this long (a stopped process, a black hole)
                }
                f.heal().run();
                long healed = System.nanoTime();
                long servedAgain = f.victim() == null ? healed : awaitServed(f.victim(), healed);
                awaitEveryServerServing();
                windows.add(new Window(f, round, start, struck, healed, System.nanoTime(), servedAgain));
                int r = round;
                afterEach.get().forEach(problem -> violations.add("round " + r + ", " + f.name() + ": " + problem));
            }
        }
    }

    /**
     * After the load stopped: prints the figures and returns every broken promise (empty when all held).
     * {@code unanswered} is how many calls the load's callers were still waiting for when it stopped.
     */
    List<String> verdict(Duration grace, int unanswered) {
        CallLedger ledger = load.ledger();
        List<String> out = new ArrayList<>(violations);
        if (unanswered > 0) {
            out.add(unanswered + " calls never answered");
        }
        ledger.late(grace).stream().limit(5).forEach(e -> out.add("late: " + describe(e)));
        ledger.where(e -> e.outcome().startsWith("untyped:")).stream().limit(5)
                .forEach(e -> out.add("untyped: " + describe(e)));
        for (Window w : windows) {
            out.addAll(check(ledger, w));
        }
        ledger.where(e -> !e.ok() && windows.stream().noneMatch(w -> w.overlaps(e) && isVictim(w, e)))
                .stream().limit(5).forEach(e -> out.add("a healthy server failed: " + describe(e)));
        printTotals(ledger, grace);
        return out;
    }

    private List<String> check(CallLedger ledger, Window w) {
        String victim = w.fault().victim();
        List<Entry> during = ledger.where(w::overlaps);
        Map<String, Long> victimOutcomes = ledger.outcomes(e -> w.overlaps(e) && e.target().equals(victim));
        long victimFailed = during.stream().filter(e -> !e.ok() && e.target().equals(victim)).count();
        // In flight on the crashed server: made before it struck, or after but before Switchboard saw it down.
        long noticed = victim == null || !w.fault().crash() ? w.struck()
                : Math.max(w.struck(), downs.firstDown(victim, w.start(), w.end()));
        long inFlight = during.stream().filter(e -> e.target().equals(victim) && e.start() <= noticed
                && e.end() >= w.start()).count();
        long maxMs = during.stream().map(Entry::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO).toMillis();
        System.out.printf("chaos: round %d, %-45s victim=%-9s calls=%5d victim outcomes=%s in flight at fault=%d "
                        + "serving again after %d ms, slowest call %d ms%n", w.round(), w.fault().name(), victim,
                during.size(), victimOutcomes, inFlight, (w.servedAgain() - w.healed()) / 1_000_000, maxMs);
        if (w.fault().crash() && victimFailed > inFlight) {
            return List.of("round " + w.round() + ", " + w.fault().name() + ": " + victimFailed + " calls to "
                    + victim + " failed, more than the " + inFlight + " in flight when it struck (or before it was "
                    + "seen down " + (noticed - w.struck()) / 1_000_000 + " ms later): " + victimOutcomes);
        }
        return List.of();
    }

    private static boolean isVictim(Window w, Entry e) {
        return e.target().equals(w.fault().victim());
    }

    private void printTotals(CallLedger ledger, Duration grace) {
        List<Long> millis = ledger.entries().stream().map(e -> e.took().toMillis()).sorted().toList();
        if (millis.isEmpty()) {
            return;
        }
        System.out.printf("chaos: %d calls, outcomes %s, latency p50 %d ms, p99 %d ms, max %d ms, "
                        + "answered later than deadline + %d s: %d%n", millis.size(), ledger.outcomes(e -> true),
                millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)), millis.getLast(),
                grace.toSeconds(), ledger.late(grace).size());
    }

    private void awaitEveryServerServing() throws InterruptedException {
        long now = System.nanoTime();
        for (String s : servers) {
            awaitServed(s, now);
        }
    }

    /**
     * Calls {@code server} until a call returns a result (the load's own callers may all be waiting out calls made
     * during the fault), at most {@link #RECOVERY_LIMIT}; returns when the first call made after {@code after}
     * returned a result, the load's or a probe's.
     */
    private long awaitServed(String server, long after) throws InterruptedException {
        long limit = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (!load.probe(server) && !load.ledger().servedSince(server, after)) {
            if (System.nanoTime() - limit > 0) {
                throw new AssertionError(server + " did not serve again within " + RECOVERY_LIMIT);
            }
            Thread.sleep(50); // a failed probe may fail at once (an open breaker): probe, not spin
        }
        return load.ledger().firstServedAfter(server, after).end();
    }

    private static String describe(Entry e) {
        return e.target() + " took " + e.took().toMillis() + " ms (deadline " + e.deadline().toMillis() + " ms): "
                + e.outcome();
    }
}
