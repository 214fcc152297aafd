package dev.switchboard.internal.call;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.CallStats;
import dev.switchboard.RecordingListener;
import dev.switchboard.SwitchboardEvent.CallFinished;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.events.EventHub;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.FakeClock;
import dev.switchboard.internal.upstream.FakeToolSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link CallExecutor} over {@link FakeToolSession}s on one {@link FakeClock}: what the tests of the call layer
 * run on. No server, no network, no real waits; every server's guard is made as the engine makes it.
 */
final class FakeCalls implements AutoCloseable {
    /** One change of a breaker's state, as the executor reported it. */
    record Transition(String server, BreakerState from, BreakerState to, Instant at) {
    }

    final FakeClock clock = new FakeClock();
    final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private final EventHub events = new EventHub(LogGate.ALL);
    private final RecordingListener heard = new RecordingListener();
    private final CallExecutor executor;
    private final Map<String, FakeToolSession> sessions = new LinkedHashMap<>();
    private final Map<String, ServerGuard> guards = new LinkedHashMap<>();

    FakeCalls(SwitchboardConfig config) {
        events.add(heard);
        executor = new CallExecutor(config, clock, clock,
                (server, from, to, at) -> transitions.add(new Transition(server, from, to, at)), events, LogGate.ALL);
        for (ServerConfig s : config.servers()) {
            sessions.put(s.name(), new FakeToolSession(s, clock));
            guards.put(s.name(), executor.guard(s.name(), s.options().calls(), null));
        }
    }

    /** One server, "fake", with this call policy. */
    static FakeCalls of(CallPolicy policy) {
        return new FakeCalls(CallServers.config(server("fake", policy)));
    }

    static ServerConfig server(String name, CallPolicy policy) {
        return CallServers.http(name, "http://" + name + ".invalid/mcp", policy);
    }

    /** The default call policy with these retries. */
    static CallPolicy retries(int attempts, Duration backoff) {
        return CallPolicy.builder().retryAttempts(attempts).retryBackoff(backoff).build();
    }

    FakeToolSession session() {
        return session("fake");
    }

    FakeToolSession session(String server) {
        return sessions.get(server);
    }

    ServerGuard guard() {
        return guards.get("fake");
    }

    CallExecutor executor() {
        return executor;
    }

    ToolResult call(String tool) {
        return call("fake", tool, CallOptions.DEFAULT);
    }

    ToolResult call(String tool, CallOptions options) {
        return call("fake", tool, options);
    }

    ToolResult call(String server, String tool, CallOptions options) {
        return executor.call(sessions.get(server), guards.get(server), tool, Map.of("tool", tool), options);
    }

    /** Calls a tool and returns how the call failed (it must fail). */
    SwitchboardException failure(String tool, CallOptions options) {
        return failure(() -> call(tool, options));
    }

    SwitchboardException failure(String tool) {
        return failure(tool, CallOptions.DEFAULT);
    }

    static SwitchboardException failure(Supplier<ToolResult> call) {
        AtomicReference<SwitchboardException> failed = new AtomicReference<>();
        assertThatThrownBy(call::get).isInstanceOfSatisfying(SwitchboardException.class, failed::set);
        return failed.get();
    }

    BreakerState breaker() {
        return guard().state();
    }

    List<CallStats> stats() {
        return executor.stats(server -> guards.get(server).state());
    }

    /** Every call's event, once all were delivered; no event is delivered afterwards. */
    List<CallFinished> finished() {
        events.close();
        return heard.of(CallFinished.class);
    }

    @Override
    public void close() {
        events.close();
    }
}
