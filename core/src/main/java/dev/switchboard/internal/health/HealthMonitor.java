package dev.switchboard.internal.health;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.internal.upstream.Upstream;
import dev.switchboard.spi.ProbeScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the health of one server: hears every change of its connection (a lost session makes it UNHEALTHY at
 * once) and probes it while it is connected, as its {@link HealthPolicy} says, without disturbing calls in flight
 * (a probe is one more request with a short timeout of its own). Reports every status to a listener with the health
 * attached: each change of connection state, and each change of health state a probe brings.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final ServerConfig config;
    private final HealthPolicy policy;
    private final Clock clock;
    private final Consumer<ServerStatus> listener;
    private final HealthTracker tracker;
    private final ProbeScheduler scheduler;
    private final HttpGetProbe httpGet;
    private volatile Upstream upstream;
    private volatile ProbeScheduler.Ticket ticket;
    private volatile ServerState lastState;

    public HealthMonitor(ServerConfig config, Clock clock, ProbeScheduler scheduler,
            Consumer<ServerStatus> listener) {
        this.config = config;
        this.policy = config.options().health();
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        this.tracker = new HealthTracker(policy);
        this.httpGet = policy.probe() == HealthPolicy.Probe.HTTP_GET && config instanceof HttpServer h
                ? new HttpGetProbe(h, policy.path()) : null;
    }

    /** Binds the monitor to the connection it watches, before that connection starts, and starts probing. */
    public void attach(Upstream watched) {
        this.upstream = Objects.requireNonNull(watched, "watched");
        if (policy.probe() != HealthPolicy.Probe.NONE && config.options().enabled()) {
            ticket = scheduler.start(config.name(), policy.interval(), this::probe);
        }
    }

    /** The connection's listener: updates health from its state, then tells the listener. */
    public void onStatus(ServerStatus status) {
        tracker.onConnection(status.state(), status.lastError());
        boolean fresh = status.state() == ServerState.READY && lastState != ServerState.READY;
        lastState = status.state();
        ProbeScheduler.Ticket t = ticket;
        if (fresh && t != null) {
            t.wake(); // a fresh session: learn its health now, not one interval later
        }
        emit(status);
    }

    /** The connection's current status with its health. */
    public ServerStatus status() {
        Upstream u = upstream;
        return withHealth(u.status(), u);
    }

    /** Runs one probe now, on the calling thread, if the server is connected; returns its status after it. */
    public ServerStatus probe() {
        long session = tracker.currentSession();
        Upstream u = upstream;
        if (session < 0 || u == null || policy.probe() == HealthPolicy.Probe.NONE) {
            return status();
        }
        Instant start = clock.instant();
        boolean changed;
        try {
            runProbe(u);
            changed = tracker.onSuccess(session, Duration.between(start, clock.instant()), clock.instant());
        } catch (SwitchboardException e) {
            if (Thread.currentThread().isInterrupted()) {
                return status(); // probing was stopped (shutdown): not the server's failure
            }
            changed = tracker.onFailure(session, new ErrorInfo(e.code(), e.getMessage(), clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status();
        }
        ServerStatus now = status();
        if (changed) {
            log.atInfo().setMessage("health.changed").addKeyValue("server", config.name())
                    .addKeyValue("health", now.health().state().name())
                    .addKeyValue("reason", now.health().reason()).log();
            emit(now);
        }
        return now;
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

    private ServerStatus withHealth(ServerStatus status, Upstream u) {
        return status.withHealth(tracker.snapshot(status, u.restarts(), clock.instant()));
    }

    private void emit(ServerStatus status) {
        Upstream u = upstream;
        ServerStatus full = u == null ? status : withHealth(status, u);
        try {
            listener.accept(full);
        } catch (RuntimeException e) {
            log.warn("status listener failed", e);
        }
    }

    /** Stops probing and releases the probe's resources; the connection is closed by its owner. */
    @Override
    public void close() {
        ProbeScheduler.Ticket t = ticket;
        if (t != null) {
            t.close();
        }
        if (httpGet != null) {
            httpGet.close();
        }
    }
}
