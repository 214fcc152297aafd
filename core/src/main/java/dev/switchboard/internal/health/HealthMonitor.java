package dev.switchboard.internal.health;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.status.ServerEvents;
import dev.switchboard.internal.status.StatusSnapshot;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.internal.upstream.UpstreamListener;
import dev.switchboard.spi.ProbeScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the health of one server: hears every change of its connection (a lost session makes it UNHEALTHY at
 * once) and probes it while it is connected, as its {@link HealthPolicy} says, without disturbing calls in flight
 * (a probe is one more request with a short timeout of its own). Reports each change of connection state and each
 * change of health state, in the order they happen, with the health attached.
 */
public final class HealthMonitor implements UpstreamListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final ServerConfig config;
    private final HealthPolicy policy;
    private final Clock clock;
    private final ServerEvents events;
    private final HealthTracker tracker;
    private final ProbeScheduler scheduler;
    private final HttpGetProbe httpGet;
    private final LogGate gate;
    /** Makes "look at the state, then report it" one step, so reports of one server keep their order. */
    private final ReentrantLock reporting = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether a scheduled probe runs right now: one still running after its ticket closed is stuck. */
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Upstream upstream;
    private volatile ProbeScheduler.Ticket ticket;
    private ServerState lastState;
    private HealthState lastHealth = HealthState.UNKNOWN;

    public HealthMonitor(ServerConfig config, Clock clock, ProbeScheduler scheduler, ServerEvents events,
            LogGate gate) {
        this.config = config;
        this.gate = gate;
        this.policy = config.options().health();
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.tracker = new HealthTracker(policy);
        this.httpGet = policy.probe() == HealthPolicy.Probe.HTTP_GET && config instanceof HttpServer h
                ? new HttpGetProbe(h, policy.path()) : null;
    }

    /** Binds the monitor to the connection it watches, before that connection starts, and starts probing. */
    public void attach(Upstream watched) {
        this.upstream = Objects.requireNonNull(watched, "watched");
        if (policy.probe() != HealthPolicy.Probe.NONE && config.options().enabled()) {
            ticket = scheduler.start(config.name(), policy.interval(), this::scheduledProbe);
        }
    }

    /** The connection's listener: updates health from its state, then reports both. */
    @Override
    public void onStatus(StatusSnapshot status) {
        reporting.lock();
        try {
            tracker.onConnection(status.state(), status.lastError());
            ServerState previous = lastState;
            lastState = status.state();
            boolean fresh = status.state() == ServerState.READY && previous != ServerState.READY;
            ProbeScheduler.Ticket t = ticket;
            if (fresh && t != null) {
                t.wake(); // a fresh session: learn its health now, not one interval later
            }
            StatusSnapshot full = withHealth(status);
            if (previous != status.state()) {
                events.stateChanged(full, previous);
            }
            reportHealth(full);
        } finally {
            reporting.unlock();
        }
    }

    @Override
    public void onProtocolError(ErrorInfo error) {
        tracker.onProtocolError(error);
        Upstream u = upstream;
        if (u == null) {
            return;
        }
        reporting.lock();
        try {
            reportHealth(status());
        } finally {
            reporting.unlock();
        }
    }

    @Override
    public void onCatalogChanged(Set<CatalogPart> parts) {
        events.catalogChanged(config.name(), parts);
    }

    @Override
    public void onResourceUpdated(String uri) {
        events.resourceUpdated(config.name(), uri);
    }

    @Override
    public void onServerLog(io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification message) {
        events.serverLogged(config.name(), message);
    }

    /** The connection's current status with its health. */
    public StatusSnapshot status() {
        return withHealth(upstream.status());
    }

    /** Runs one probe now, on the calling thread, if the server is connected; returns its status after it. */
    public StatusSnapshot probe() {
        long session = tracker.currentSession();
        Upstream u = upstream;
        if (session < 0 || u == null || policy.probe() == HealthPolicy.Probe.NONE) {
            return status();
        }
        Instant start = clock.instant();
        try {
            runProbe(u);
            tracker.onSuccess(session, Duration.between(start, clock.instant()), clock.instant());
        } catch (SwitchboardException e) {
            if (Thread.currentThread().isInterrupted()) {
                return status(); // probing was stopped (shutdown): not the server's failure
            }
            tracker.onFailure(session, new ErrorInfo(e.code(), e.getMessage(), clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status();
        }
        reporting.lock();
        try {
            StatusSnapshot now = status();
            reportHealth(now);
            return now;
        } finally {
            reporting.unlock();
        }
    }

    /**
     * A probe the scheduler runs. Its crash and a probe stuck past {@link #close} are logged here rather than by the
     * scheduler, which the SPI does not tell which instance (and so which log settings) a probe belongs to.
     */
    private void scheduledProbe() {
        probing.set(true);
        try {
            probe();
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.HEALTH_PROBE_CRASHED).addKeyValue("server", config.name()).setCause(e).log();
        } finally {
            probing.set(false);
        }
    }

    /** Reports the health when its verdict differs from the last one reported; the caller holds the lock. */
    private void reportHealth(StatusSnapshot now) {
        HealthState previous = lastHealth;
        if (now.health().state() == previous) {
            return;
        }
        lastHealth = now.health().state();
        gate.info(log, LogEvents.HEALTH_CHANGED).addKeyValue("server", config.name())
                .addKeyValue("health", lastHealth.name()).addKeyValue("reason", now.health().reason()).log();
        events.healthChanged(now, previous);
    }

    private void runProbe(Upstream u) throws InterruptedException {
        switch (policy.probe()) {
            case PING -> u.probe(false, policy.timeout());
            case LIST_TOOLS -> u.probe(true, policy.timeout());
            case HTTP_GET -> {
                if (httpGet == null) {
                    throw new SwitchboardException(ErrorCode.CONFIG_INVALID, config.name(),
                            "the http-get probe needs an HTTP server");
                }
                httpGet.run(policy.timeout());
            }
            case NONE -> { }
            default -> throw new IllegalStateException("unknown probe " + policy.probe());
        }
    }

    private StatusSnapshot withHealth(StatusSnapshot status) {
        Upstream u = upstream;
        int restarts = u == null ? 0 : u.restarts();
        return status.withHealth(tracker.snapshot(status, restarts, clock.instant()));
    }

    /** Stops probing and releases the probe's resources; the connection is closed by its owner. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ProbeScheduler.Ticket t = ticket;
        if (t != null) {
            t.close();
            if (probing.get()) {
                gate.warn(log, LogEvents.HEALTH_PROBE_STUCK).addKeyValue("server", config.name()).log();
            }
        }
        if (httpGet != null) {
            httpGet.close();
        }
    }
}
