package dev.switchboard.internal.control;

import dev.switchboard.ClientHandlers;
import dev.switchboard.internal.auth.TokenStore;
import dev.switchboard.ReloadResult;
import dev.switchboard.ServerState;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.health.HealthMonitor;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.status.ServerEvents;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.spi.ProbeScheduler;
import dev.switchboard.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running set of connections and their health monitors, changed at runtime: a server enabled, disabled or
 * reconnected, the configuration reloaded, everything shut down. Each change builds the new set, publishes it (new
 * calls see it at once), then drains and closes what it replaced and starts what is new. A server replaced by a
 * change is closed before its successor connects, so that two processes of one server never run side by side.
 * Changes are made one at a time.
 */
public final class Fleet {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    /**
     * One server: its connection, the health monitor watching it, and the configuration it was declared with
     * (before the state file's overrides).
     */
    public record Member(ServerConfig declared, Upstream upstream, HealthMonitor health) {
        public String name() {
            return declared.name();
        }
    }

    /**
     * How the fleet is built: time, waits, probes, the engine's ears, the application's handlers, the masking of
     * secrets (asked once per new connection), and the instance's log gate.
     */
    public record Parts(Clock clock, Sleeper sleeper, ProbeScheduler probes, ServerEvents events,
            ClientHandlers handlers, Supplier<Masker> masker, LogGate gate, TokenStore tokenStore) {
        public Parts {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(probes, "probes");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(handlers, "handlers");
            Objects.requireNonNull(masker, "masker");
            Objects.requireNonNull(gate, "gate");
        }
    }

    private final Parts parts;
    private final StateFile state;
    private final ReentrantLock lock = new ReentrantLock();
    private final BiConsumer<SwitchboardConfig, Map<String, Member>> publisher;
    /** Written under the lock only; read by changes, which hold it. */
    private SwitchboardConfig config;
    private Map<String, Member> members;

    /**
     * Creates (without starting) a connection per server of {@code config}, with the overrides of the state file,
     * and publishes them.
     *
     * @param publisher told every new set of servers, in configuration order, before any of them starts
     */
    public Fleet(SwitchboardConfig config, Parts parts, BiConsumer<SwitchboardConfig, Map<String, Member>> publisher) {
        this.parts = parts;
        this.publisher = publisher;
        this.state = StateFile.load(config.orchestration().stateFile());
        Map<String, Member> all = new LinkedHashMap<>();
        config.servers().forEach(s -> all.put(s.name(), create(s)));
        publish(config, all);
    }

    /**
     * Starts every connection and waits, at most {@code timeout}, until each required server has settled (see
     * {@link Upstream#settled()}) and each optional one has made its first attempt, or settled too when
     * {@code awaitOptional}; optional servers that failed keep retrying in the background.
     *
     * @return whether everything waited for was there before the timeout
     */
    public boolean start(boolean awaitOptional, Duration timeout) throws InterruptedException {
        List<Member> all = List.copyOf(members.values());
        all.forEach(m -> m.upstream().start());
        CompletableFuture<?>[] waits = all.stream().map(m -> {
            Upstream u = m.upstream();
            return awaitOptional || u.config().options().required() ? u.settled() : u.firstAttempt();
        }).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(waits).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("settling never fails", e);
        }
    }

    private Member create(ServerConfig declared) {
        ServerConfig effective = state.effective(declared);
        HealthMonitor monitor = new HealthMonitor(effective, parts.clock(), parts.probes(), parts.events(),
                parts.gate());
        Upstream u = new Upstream(effective, parts.clock(), parts.sleeper(), monitor, parts.handlers(),
                parts.masker().get(), parts.gate(), parts.tokenStore());
        String disabled = state.disabledAtRuntime(declared);
        if (disabled != null) {
            u.disabledBecause(disabled);
        }
        monitor.attach(u);
        return new Member(declared, u, monitor);
    }

    /** Enables or disables a server (by configured name) and remembers it in the state file. */
    public void setEnabled(String name, boolean on, Duration drain) {
        lock.lock();
        try {
            Member old = members.get(name);
            state.set(old.declared(), on);
            Upstream u = old.upstream();
            if (u.config().equals(state.effective(old.declared())) && u.status().state() != ServerState.CLOSED) {
                return;
            }
            replace(name, old.declared(), drain);
        } finally {
            lock.unlock();
        }
    }

    /** Closes a server's connection and connects it again from scratch (also the way out of FAILED). */
    public void reconnect(String name, Duration drain) {
        lock.lock();
        try {
            replace(name, members.get(name).declared(), drain);
        } finally {
            lock.unlock();
        }
    }

    private void replace(String name, ServerConfig declared, Duration drain) {
        Member old = members.get(name);
        Member fresh = create(declared);
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.put(name, fresh);
        publish(config, next);
        retire(List.of(old), drain);
        startAndSettleQuietly(List.of(fresh));
    }

    /**
     * Applies a new configuration: added servers connect, removed ones close, changed ones are closed and connected
     * again, unchanged ones keep their sessions. Returns once the new and changed servers have settled.
     */
    public ReloadResult reload(SwitchboardConfig next, Duration drain) {
        lock.lock();
        try {
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            List<Member> retired = new ArrayList<>();
            List<Member> fresh = new ArrayList<>();
            Map<String, Member> all = new LinkedHashMap<>();
            for (ServerConfig s : next.servers()) {
                Member old = members.get(s.name());
                if (old != null && old.declared().equals(s)) {
                    unchanged.add(s.name());
                    all.put(s.name(), old);
                    continue;
                }
                (old == null ? added : changed).add(s.name());
                if (old != null) {
                    retired.add(old);
                }
                Member m = create(s);
                fresh.add(m);
                all.put(s.name(), m);
            }
            List<String> removed = members.keySet().stream().filter(n -> !all.containsKey(n)).toList();
            removed.forEach(n -> retired.add(members.get(n)));
            publish(next, all);
            retire(retired, drain);
            startAndSettleQuietly(fresh);
            parts.gate().info(log, LogEvents.SWITCHBOARD_RELOADED).addKeyValue("added", added)
                    .addKeyValue("removed", removed).addKeyValue("changed", changed)
                    .addKeyValue("unchanged", unchanged.size()).log();
            return new ReloadResult(added, removed, changed, unchanged);
        } finally {
            lock.unlock();
        }
    }

    /** Lets calls in flight finish (up to {@code drain}), then closes every connection and monitor. */
    public void shutdown(Duration drain) {
        lock.lock();
        try {
            retire(members.values(), drain);
        } finally {
            lock.unlock();
        }
    }

    private void publish(SwitchboardConfig newConfig, Map<String, Member> newMembers) {
        config = newConfig;
        members = Collections.unmodifiableMap(new LinkedHashMap<>(newMembers));
        publisher.accept(config, members);
    }

    /** Stops probing, drains, then closes the connections in parallel. */
    private void retire(Collection<Member> olds, Duration drain) {
        olds.forEach(m -> m.health().close());
        List<Upstream> ups = olds.stream().map(Member::upstream).toList();
        Drain.await(ups, drain, parts.gate());
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            ups.forEach(u -> exec.submit(u::close));
        }
    }

    private static void startAndSettle(List<Member> fresh) throws InterruptedException {
        fresh.forEach(m -> m.upstream().start());
        try {
            CompletableFuture.allOf(fresh.stream().map(m -> m.upstream().settled())
                    .toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("settling never fails", e);
        }
    }

    private static void startAndSettleQuietly(List<Member> fresh) {
        try {
            startAndSettle(fresh);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
