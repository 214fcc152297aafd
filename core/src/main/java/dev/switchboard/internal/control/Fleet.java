package dev.switchboard.internal.control;

import dev.switchboard.ReloadResult;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.health.HealthMonitor;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.spi.ProbeScheduler;
import dev.switchboard.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running set of connections and their health monitors, changed at runtime: a server enabled, disabled or
 * reconnected, the configuration reloaded, everything shut down. Each change builds the new set, publishes it (new
 * calls see it at once), then drains and closes what it replaced and starts what is new. A server replaced by a
 * change is closed before its successor connects, so that two processes of one server never run side by side.
 */
public final class Fleet {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    /** A connection with the configuration it was declared with (before overrides) and its monitor. */
    private record Member(ServerConfig declared, HealthMonitor monitor) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final ProbeScheduler scheduler;
    private final Consumer<ServerStatus> listener;
    private final StateFile state;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Upstream, Member> members = new ConcurrentHashMap<>();
    private volatile SwitchboardConfig config;
    private volatile Map<String, Upstream> upstreams;
    private BiConsumer<SwitchboardConfig, Map<String, Upstream>> publisher = (c, u) -> { };
    private final dev.switchboard.ClientHandlers handlers;

    /** Creates (without starting) a connection per server of {@code config}, with the overrides of the state file. */
    public Fleet(SwitchboardConfig config, Clock clock, Sleeper sleeper, ProbeScheduler scheduler,
            Consumer<ServerStatus> listener) {
        this(config, clock, sleeper, scheduler, listener, dev.switchboard.ClientHandlers.NONE);
    }

    /** Like the other constructor; servers' requests (sampling, elicitation, roots) go to {@code handlers}. */
    public Fleet(SwitchboardConfig config, Clock clock, Sleeper sleeper, ProbeScheduler scheduler,
            Consumer<ServerStatus> listener, dev.switchboard.ClientHandlers handlers) {
        this.handlers = handlers;
        this.clock = clock;
        this.sleeper = sleeper;
        this.scheduler = scheduler;
        this.listener = listener;
        this.state = StateFile.load(config.orchestration().stateFile());
        Map<String, Upstream> ups = new LinkedHashMap<>();
        config.servers().forEach(s -> ups.put(s.name(), create(s)));
        this.config = config;
        this.upstreams = java.util.Collections.unmodifiableMap(ups);
    }

    /** Who is told about every new set of connections (the facade, which routes calls by it). */
    public void onPublish(BiConsumer<SwitchboardConfig, Map<String, Upstream>> newPublisher) {
        this.publisher = newPublisher;
    }

    public SwitchboardConfig config() {
        return config;
    }

    public Map<String, Upstream> upstreams() {
        return upstreams;
    }

    /** A connection's status with its health. */
    public ServerStatus status(Upstream u) {
        Member m = members.get(u);
        return m == null ? u.status() : m.monitor().status();
    }

    /** Probes a connection now, on the calling thread, and returns its status with the fresh health. */
    public ServerStatus probe(Upstream u) {
        Member m = members.get(u);
        return m == null ? u.status() : m.monitor().probe();
    }

    private Upstream create(ServerConfig declared) {
        ServerConfig effective = state.effective(declared);
        HealthMonitor monitor = new HealthMonitor(effective, clock, scheduler, listener);
        Upstream u = new Upstream(effective, clock, sleeper, monitor::onStatus, handlers);
        monitor.attach(u);
        members.put(u, new Member(declared, monitor));
        return u;
    }

    /** Enables or disables a server (by configured name) and remembers it in the state file. */
    public ServerStatus setEnabled(String name, boolean on, Duration drain) {
        lock.lock();
        try {
            Upstream old = upstreams.get(name);
            ServerConfig declared = members.get(old).declared();
            state.set(declared, on);
            if (old.config().equals(state.effective(declared)) && old.status().state()
                    != dev.switchboard.ServerState.CLOSED) {
                return status(old);
            }
            return status(replace(name, declared, drain));
        } finally {
            lock.unlock();
        }
    }

    /** Closes a server's connection and connects it again from scratch (also the way out of FAILED). */
    public ServerStatus reconnect(String name, Duration drain) {
        lock.lock();
        try {
            return status(replace(name, members.get(upstreams.get(name)).declared(), drain));
        } finally {
            lock.unlock();
        }
    }

    private Upstream replace(String name, ServerConfig declared, Duration drain) {
        Upstream old = upstreams.get(name);
        Upstream fresh = create(declared);
        Map<String, Upstream> next = new LinkedHashMap<>(upstreams);
        next.put(name, fresh);
        publish(config, next);
        retire(List.of(old), drain);
        startAndSettle(List.of(fresh));
        return fresh;
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
            List<Upstream> retired = new ArrayList<>();
            List<Upstream> fresh = new ArrayList<>();
            Map<String, Upstream> current = upstreams;
            Map<String, Upstream> ups = new LinkedHashMap<>();
            for (ServerConfig s : next.servers()) {
                Upstream old = current.get(s.name());
                if (old != null && members.get(old).declared().equals(s)) {
                    unchanged.add(s.name());
                    ups.put(s.name(), old);
                    continue;
                }
                (old == null ? added : changed).add(s.name());
                if (old != null) {
                    retired.add(old);
                }
                Upstream u = create(s);
                fresh.add(u);
                ups.put(s.name(), u);
            }
            List<String> removed = current.keySet().stream().filter(n -> !ups.containsKey(n)).toList();
            removed.forEach(n -> retired.add(current.get(n)));
            publish(next, ups);
            retire(retired, drain);
            startAndSettle(fresh);
            ReloadResult result = new ReloadResult(added, removed, changed, unchanged);
            log.atInfo().setMessage("switchboard.reloaded").addKeyValue("added", added).addKeyValue("removed", removed)
                    .addKeyValue("changed", changed).addKeyValue("unchanged", unchanged.size()).log();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Lets calls in flight finish (up to {@code drain}), then closes every connection and monitor. */
    public void shutdown(Duration drain) {
        lock.lock();
        try {
            retire(upstreams.values(), drain);
        } finally {
            lock.unlock();
        }
    }

    private void publish(SwitchboardConfig newConfig, Map<String, Upstream> ups) {
        config = newConfig;
        upstreams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ups));
        publisher.accept(config, upstreams);
    }

    /** Stops probing, drains, then closes the connections in parallel. */
    private void retire(Collection<Upstream> olds, Duration drain) {
        List<Member> gone = olds.stream().map(members::get).filter(java.util.Objects::nonNull).toList();
        gone.forEach(m -> m.monitor().close());
        Drain.await(olds, drain);
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            olds.forEach(u -> exec.submit(u::close));
        }
        olds.forEach(members::remove);
    }

    private static void startAndSettle(List<Upstream> fresh) {
        fresh.forEach(Upstream::start);
        try {
            CompletableFuture.allOf(fresh.stream().map(Upstream::settled).toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("a server did not settle", e);
        }
    }
}
