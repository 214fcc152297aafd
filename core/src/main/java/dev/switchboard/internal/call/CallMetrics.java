package dev.switchboard.internal.call;

import dev.switchboard.BreakerState;
import dev.switchboard.CallStats;
import dev.switchboard.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private record Key(String server, String tool) {
    }

    private final Map<String, ToolMeter> servers = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Key, ToolMeter> tools = new ConcurrentHashMap<>();
    private volatile Sink sink;

    CallMetrics(List<String> serverNames) {
        serverNames.forEach(s -> servers.put(s, new ToolMeter()));
    }

    /** Makes sure every one of these servers has a meter (servers added by a reload). */
    void servers(List<String> serverNames) {
        serverNames.forEach(s -> servers.computeIfAbsent(s, k -> new ToolMeter()));
    }

    /** Hands every call from now on to {@code newSink} too. */
    void sink(Sink newSink) {
        this.sink = newSink;
    }

    /** The meter of a tool, and its server's meter, as one handle for one call. */
    Call start(String server, String tool) {
        ToolMeter t = tools.computeIfAbsent(new Key(server, tool), k -> {
            ToolMeter m = new ToolMeter();
            Sink s = sink;
            if (s != null) {
                s.toolSeen(server, tool, m);
            }
            return m;
        });
        ToolMeter s = servers.computeIfAbsent(server, k -> new ToolMeter());
        t.started();
        s.started();
        return new Call(server, tool, s, t);
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
        return servers.get(server);
    }

    /** Every server's totals, each followed by its tools (sorted by name). */
    List<CallStats> snapshot(Function<String, BreakerState> breakers) {
        List<CallStats> out = new ArrayList<>();
        servers.forEach((server, meter) -> {
            BreakerState breaker = breakers.apply(server);
            out.add(stats(server, null, meter, breaker));
            tools.entrySet().stream().filter(e -> e.getKey().server().equals(server))
                    .sorted(Map.Entry.comparingByKey((a, b) -> a.tool().compareTo(b.tool())))
                    .forEach(e -> out.add(stats(server, e.getKey().tool(), e.getValue(), breaker)));
        });
        return out;
    }

    private static CallStats stats(String server, String tool, ToolMeter m, BreakerState breaker) {
        LatencyHistogram h = m.latency();
        return new CallStats(server, tool, m.calls(), m.errors(), m.inFlight(), h.percentile(0.50),
                h.percentile(0.95), h.percentile(0.99), breaker);
    }
}
