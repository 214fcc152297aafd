package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallStats;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each server's recent figures for the status answer and the dashboard: calls and failures in the last minute, and
 * the results of its last health probes. Nothing is counted twice: the figures are differences between samples of
 * the library's own numbers ({@link Switchboard#stats()}, the health of {@link Switchboard#status()}), taken every
 * {@link #PERIOD} by the gateway. A probe shows up as a new {@code lastSuccess} (with its latency) or one more
 * consecutive failure; a probe run between two samples that left neither trace is not seen.
 */
final class ServerTrends {
    private static final Logger log = LoggerFactory.getLogger(ServerTrends.class);
    /** The request attribute that carries the trends to the REST routes. */
    static final String ATTRIBUTE = ServerTrends.class.getName();
    static final Duration PERIOD = Duration.ofSeconds(5);
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_SAMPLES = 2 * (int) (WINDOW.toSeconds() / PERIOD.toSeconds());
    /** Probe results kept per server: enough for a small chart. */
    static final int PROBES = 30;

    private record Sample(Instant at, long calls, long failed) {
    }

    record Probe(Instant at, boolean ok, Duration latency) {
    }

    /** What one server's samples hold; guarded by {@link #lock}. */
    private static final class Track {
        final Deque<Sample> samples = new ArrayDeque<>();
        final Deque<Probe> probes = new ArrayDeque<>();
        Instant lastSuccess;
        int failures;
    }

    private final Switchboard switchboard;
    private final Clock clock;
    private final ServerEvents events;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code events} (may be null) hears each probe result found. */
    ServerTrends(Switchboard switchboard, Clock clock, ServerEvents events) {
        this.switchboard = switchboard;
        this.clock = clock;
        this.events = events;
    }

    /** Takes one sample of every server, and forgets servers that a reload removed. */
    void sample() {
        Instant now = clock.instant();
        Map<String, CallStats> stats = RestServers.serverStats(switchboard);
        lock.lock();
        try {
            Set<String> names = switchboard.status().stream().map(ServerStatus::name).collect(Collectors.toSet());
            tracks.keySet().retainAll(names);
            for (ServerStatus s : switchboard.status()) {
                Track t = tracks.computeIfAbsent(s.name(), n -> new Track());
                CallStats c = stats.get(s.name());
                t.samples.addLast(new Sample(now, c == null ? 0 : c.calls(), c == null ? 0 : c.errorCount()));
                // By age; by number too, in case the clock stands still (a test's) or jumps back.
                while (t.samples.getFirst().at().isBefore(now.minus(WINDOW)) || t.samples.size() > MAX_SAMPLES) {
                    t.samples.removeFirst();
                }
                probe(s, t, now);
            }
        } finally {
            lock.unlock();
        }
    }

    private void probe(ServerStatus s, Track t, Instant now) {
        ServerStatus.Health h = s.health();
        Probe found = null;
        if (h.lastSuccess() != null && !h.lastSuccess().equals(t.lastSuccess)) {
            found = new Probe(h.lastSuccess(), true, h.lastResponse());
        } else if (h.consecutiveFailures() > t.failures) {
            found = new Probe(now, false, null);
        }
        t.lastSuccess = h.lastSuccess();
        t.failures = h.consecutiveFailures();
        if (found == null) {
            return;
        }
        t.probes.addLast(found);
        while (t.probes.size() > PROBES) {
            t.probes.removeFirst();
        }
        if (events != null) {
            ObjectNode d = JsonRpc.object();
            d.put("ok", found.ok());
            RestJson.millis(d, "latencyMs", found.latency());
            d.put("consecutiveFailures", h.consecutiveFailures());
            events.publish(s.name(), null, "probe", found.at(), d);
        }
    }

    /**
     * The {@code recent} object of a server's status: calls and failed calls since the oldest sample of the last
     * minute (the window it covers, in seconds), the error rate among them (null without calls), and the probes.
     */
    ObjectNode json(String server, CallStats now) {
        ObjectNode out = JsonRpc.object();
        long calls = now == null ? 0 : now.calls();
        long failed = now == null ? 0 : now.errorCount();
        Instant at = clock.instant();
        lock.lock();
        try {
            Track t = tracks.get(server);
            Sample base = t == null || t.samples.isEmpty() ? null : t.samples.getFirst();
            long dCalls = base == null ? 0 : Math.max(0, calls - base.calls());
            long dFailed = base == null ? 0 : Math.max(0, failed - base.failed());
            out.put("windowSeconds", base == null ? 0 : Duration.between(base.at(), at).toSeconds());
            out.put("calls", dCalls);
            out.put("failed", dFailed);
            if (dCalls > 0) {
                out.put("errorRate", (double) dFailed / dCalls);
            } else {
                out.putNull("errorRate");
            }
            ArrayNode probes = out.putArray("probes");
            if (t != null) {
                t.probes.forEach(p -> {
                    ObjectNode n = probes.addObject();
                    n.put("time", p.at().toString());
                    n.put("ok", p.ok());
                    RestJson.millis(n, "latencyMs", p.latency());
                });
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** Samples every {@link #PERIOD} until interrupted; the gateway runs this on a virtual thread of its own. */
    void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sample();
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a server removed by a reload between two reads of the status: the next sample is whole again
                log.atDebug().setMessage("gateway.trends.failed").addKeyValue("error", e.toString()).log();
            }
        }
    }
}
