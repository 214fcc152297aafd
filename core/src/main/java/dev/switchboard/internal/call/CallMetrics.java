package dev.switchboard.internal.call;

import dev.switchboard.BreakerState;
import dev.switchboard.CallStats;
import dev.switchboard.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The numbers kept per server and per tool, and the hand-off of every ended call to an optional sink (the
 * Micrometer binding).
 */
final class CallMetrics {
    /** Receives every call as it starts and ends; used to bind the numbers to a metrics registry. */
    interface Sink {
        void toolSeen(String server, String tool, ToolMeter meter);

        void ended(String server, String tool, ErrorCode code, long nanos);
    }

    /** One server's numbers and its tools', found by name without allocating on the call path. */
    private record Meters(ToolMeter server, Map<String, ToolMeter> tools) {
        Meters() {
            this(new ToolMeter(), new ConcurrentHashMap<>());
        }
    }

    /** Servers in the order they were configured (for snapshots); guarded by itself. */
    private final Map<String, Meters> ordered = new LinkedHashMap<>();
    private final Map<String, Meters> servers = new ConcurrentHashMap<>();
    private volatile Sink sink;

    CallMetrics(List<String> serverNames) {
        servers(serverNames);
    }

    /** Makes sure every one of these servers has a meter (servers added by a reload). */
    void servers(List<String> serverNames) {
        serverNames.forEach(this::meters);
    }

    private Meters meters(String server) {
        Meters m = servers.get(server);
        if (m != null) {
            return m;
        }
        synchronized (ordered) {
            return servers.computeIfAbsent(server, k -> ordered.computeIfAbsent(k, n -> new Meters()));
        }
    }

    /** Hands every call from now on to {@code newSink} too. */
    void sink(Sink newSink) {
        this.sink = newSink;
    }

    /** The meter of a tool, and its server's meter, as one handle for one call. */
    Call start(String server, String tool) {
        Meters m = meters(server);
        ToolMeter t = m.tools().get(tool); // a plain lookup first: computeIfAbsent's lambda would capture, per call
        if (t == null) {
            t = m.tools().computeIfAbsent(tool, k -> {
                ToolMeter created = new ToolMeter();
                Sink s = sink;
                if (s != null) {
                    s.toolSeen(server, tool, created);
                }
                return created;
            });
        }
        t.started();
        m.server().started();
        return new Call(server, tool, m.server(), t);
    }

    /** One call being counted. */
    final class Call {
        private final String server;
        private final String tool;
        private final ToolMeter serverMeter;
        private final ToolMeter toolMeter;

        private Call(String server, String tool, ToolMeter serverMeter, ToolMeter toolMeter) {
            this.server = server;
            this.tool = tool;
            this.serverMeter = serverMeter;
            this.toolMeter = toolMeter;
        }

        void ended(ErrorCode code, long nanos) {
            serverMeter.ended(code, nanos);
            toolMeter.ended(code, nanos);
            Sink s = sink;
            if (s != null) {
                s.ended(server, tool, code, nanos);
            }
        }
    }

    ToolMeter server(String server) {
        Meters m = servers.get(server);
        return m == null ? null : m.server();
    }

    /** Every server's totals, each followed by its tools (sorted by name). */
    List<CallStats> snapshot(Function<String, BreakerState> breakers) {
        List<Map.Entry<String, Meters>> each;
        synchronized (ordered) {
            each = List.copyOf(ordered.entrySet());
        }
        List<CallStats> out = new ArrayList<>();
        for (Map.Entry<String, Meters> e : each) {
            String server = e.getKey();
            BreakerState breaker = breakers.apply(server);
            out.add(stats(server, null, e.getValue().server(), breaker));
            new TreeMap<>(e.getValue().tools()).forEach((tool, meter) -> out.add(stats(server, tool, meter, breaker)));
        }
        return out;
    }

    private static CallStats stats(String server, String tool, ToolMeter m, BreakerState breaker) {
        LatencyHistogram h = m.latency();
        return new CallStats(server, tool, m.calls(), m.errors(), m.inFlight(), h.percentile(0.50),
                h.percentile(0.95), h.percentile(0.99), breaker);
    }
}
