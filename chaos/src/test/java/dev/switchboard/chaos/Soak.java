package dev.switchboard.chaos;

import static org.awaitility.Awaitility.await;

import dev.switchboard.CallOptions;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.CallLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Long use of a Switchboard and its gateway: callers call every server through the library (one call in ten to
 * {@code stuck}, which times out), while beside them a server is crashed and restarts, the configuration is reloaded
 * (a server added, then removed) and downstream sessions are opened on the gateway, make a call and are closed. The
 * crashes, reloads and sessions are spread evenly over the calls. Counts outcomes by server, tool and outcome, in
 * constant memory.
 *
 * <p>The calls go through the library because only there a call has its own deadline: a timed-out call costs
 * {@link #STUCK_DEADLINE}, while an echo may take as long as a loaded machine needs. One deadline for both (all the
 * gateway offers) would either make the soak slow or let an overloaded machine time out echoes and open breakers.
 */
final class Soak {
    /** How much of everything one run does: calls per server, crashes, reloads, downstream sessions. */
    record Plan(int cycles, int crashes, int reloads, int sessions) {
        /** A tenth of this plan (at least one of each, and an even number of reloads): the warm-up. */
        Plan tenth() {
            return new Plan(Math.max(cycles / 10, 40), Math.max(crashes / 10, 1), 2, Math.max(sessions / 10, 1));
        }
    }

    static final int CALLERS_PER_SERVER = 4;
    private static final CallOptions STUCK_DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(1));
    private static final CallOptions ECHO_DEADLINE = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(30));
    private static final int TIMEOUT_EVERY = 10; // one call in ten goes to the tool that never answers

    private final Switchboard sb;
    private final SoakServers servers;
    private final SwitchboardConfig without;
    private final SwitchboardConfig with;
    private final DownstreamSessions sessions;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private volatile long total;

    /** {@code without} and {@code with} are the configuration without and with the reloaded server. */
    Soak(Switchboard sb, SoakServers servers, SwitchboardConfig without, SwitchboardConfig with,
            DownstreamSessions sessions) {
        this.sb = sb;
        this.servers = servers;
        this.without = without;
        this.with = with;
        this.sessions = sessions;
    }

    /** Runs the plan; returns once every call, crash, reload and session is done. Outcomes add up across runs. */
    void run(Plan plan) throws Exception {
        int perCaller = plan.cycles() / CALLERS_PER_SERVER;
        total = (long) perCaller * CALLERS_PER_SERVER * SoakServers.CALLED.size();
        done.set(0);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String server : SoakServers.CALLED) {
                for (int i = 0; i < CALLERS_PER_SERVER; i++) {
                    work.add(threads.submit(() -> calls(server, perCaller)));
                }
            }
            work.add(threads.submit(() -> spread(plan.crashes(), this::crash)));
            work.add(threads.submit(() -> spread(plan.reloads(), this::reload)));
            work.add(threads.submit(() -> spread(plan.sessions(), this::session)));
            for (Future<?> f : work) {
                f.get(); // a failed crash, reload or session fails the run with its own exception
            }
        }
    }

    /** Outcomes so far: {@code server tool outcome} to how many. */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private Void calls(String server, int count) {
        for (int i = 0; i < count; i++) {
            boolean stuck = i % TIMEOUT_EVERY == TIMEOUT_EVERY - 1;
            String tool = stuck ? "stuck" : "echo";
            String outcome;
            try {
                ToolResult r = sb.call(ToolCall.of(server, tool, Map.of("i", i)), stuck ? STUCK_DEADLINE
                        : ECHO_DEADLINE);
                outcome = r.isError() ? "tool-error" : CallLedger.OK;
            } catch (SwitchboardException e) {
                outcome = e.code().name();
            }
            outcomes.computeIfAbsent(server + " " + tool + " " + outcome, k -> new LongAdder()).increment();
            done.incrementAndGet();
        }
        return null;
    }

    private interface Step {
        void run(int n) throws Exception;
    }

    /** Runs {@code step} {@code times} times, the n-th once n/(times+1) of the calls are done. */
    private Void spread(int times, Step step) throws Exception {
        for (int n = 1; n <= times; n++) {
            long due = total * n / (times + 1);
            while (done.get() < due) {
                Thread.sleep(20); // paced by the calls' progress, not by a timer
            }
            step.run(n);
        }
        return null;
    }

    /** SIGKILLs the crashing server and waits until a new process serves it. */
    private void crash(int n) {
        ProcessHandle victim = Fleet.processOf(servers.crashing);
        victim.destroyForcibly();
        victim.onExit().join();
        await().atMost(Duration.ofSeconds(60)).until(() -> Fleet.processCount(servers.crashing) == 1
                && Fleet.processOf(servers.crashing).pid() != victim.pid()
                && sb.status(SoakServers.CRASHING).ready());
    }

    /** Adds the reloaded server (odd n) or removes it (even n), and waits until it serves or its process is gone. */
    private void reload(int n) {
        boolean add = n % 2 == 1;
        sb.reload(add ? with : without);
        await().atMost(Duration.ofSeconds(60)).until(() -> add
                ? sb.status().stream().anyMatch(s -> s.name().equals(SoakServers.RELOADED) && s.ready())
                : Fleet.processCount(servers.reloaded) == 0);
    }

    /** Opens a session on the gateway, calls, closes it; counted as the tool {@code session} of the server called. */
    private void session(int n) throws InterruptedException {
        // Not the crashing server: a session's call must succeed.
        String server = SoakServers.CALLED.get(1 + n % 3);
        String outcome = CallLedger.OK;
        try {
            sessions.openCallClose(server + "__echo", n);
        } catch (java.io.IOException | IllegalStateException e) {
            outcome = "failed: " + e.getMessage();
        }
        outcomes.computeIfAbsent(server + " session " + outcome, k -> new LongAdder()).increment();
    }
}
