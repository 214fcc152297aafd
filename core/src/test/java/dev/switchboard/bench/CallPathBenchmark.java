package dev.switchboard.bench;

import dev.switchboard.CallAllOptions;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The cost of Switchboard's call path (deadline, cancel tracking, breaker, bulkheads, numbers) over the bare MCP SDK,
 * against the same FakeMcpServer stdio child; and how close {@code callAll} over 10 servers comes to the slowest
 * server's own share. Not a test: run it by hand (see docs/benchmarks.md) on a quiet machine. "SB-np" is Switchboard
 * with {@code progress_extends_deadline: false}, which sends no progress token when the caller wants no progress.
 */
public final class CallPathBenchmark {
    private static final int WARMUP = 3_000;
    private static final int SEQUENTIAL = 5_000;
    private static final int CONCURRENT_CALLS = 20_000;

    private CallPathBenchmark() {
    }

    /** One way of making a call, with the caller's index. */
    private interface Caller extends IntConsumer {
    }

    public static void main(String[] args) throws Exception {
        // Both clients log every line the server prints on stderr at INFO; measure calls, not logging.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        var scenario = FakeMcpServer.builder().name("bench").tool(FakeTool.echo("echo")).build();
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        System.out.println("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        try (McpSyncClient sdk = sdkClient(command); Switchboard sb = Switchboard.start(config(command, true));
                Switchboard plain = Switchboard.start(config(command, false))) {
            Caller direct = i -> sdk.callTool(new McpSchema.CallToolRequest("echo", Map.of("i", i)));
            Caller switchboard = i -> sb.call("bench", "echo", Map.of("i", i));
            Caller noProgress = i -> plain.call("bench", "echo", Map.of("i", i));
            for (int round = 0; round < 2; round++) { // the first round warms every path up
                boolean report = round == 1;
                for (int callers : new int[] {1, 8, 32}) {
                    String label = callers == 1 ? "sequential" : callers + " callers";
                    Result base = measure(direct, callers);
                    Result sbr = measure(switchboard, callers);
                    Result np = measure(noProgress, callers);
                    if (report) {
                        print(label, "SDK", base, null);
                        print(label, "SB", sbr, base);
                        print(label, "SB-np", np, base);
                    }
                }
            }
        }
        fanOut();
    }

    private static Result measure(Caller caller, int callers) throws InterruptedException {
        run(caller, callers, WARMUP);
        return run(caller, callers, callers == 1 ? SEQUENTIAL : CONCURRENT_CALLS);
    }

    private static void print(String label, String who, Result r, Result base) {
        System.out.printf(Locale.ROOT, "%-11s %-6s p50 %7.1f us  p99 %7.1f us  %8.0f calls/s", label, who,
                r.p50Micros(), r.p99Micros(), r.perSecond());
        if (base != null) {
            System.out.printf(Locale.ROOT, "   (p50 %+.1f us, throughput %+.1f%%)", r.p50Micros() - base.p50Micros(),
                    100 * (r.perSecond() / base.perSecond() - 1));
        }
        System.out.println();
    }

    private record Result(long[] nanos, long wallNanos) {
        double p50Micros() {
            return nanos[nanos.length / 2] / 1000.0;
        }

        double p99Micros() {
            return nanos[(int) (nanos.length * 0.99)] / 1000.0;
        }

        double perSecond() {
            return nanos.length / (wallNanos / 1e9);
        }
    }

    private static Result run(Caller caller, int callers, int calls) throws InterruptedException {
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                exec.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        caller.accept(i);
                        nanos[i] = System.nanoTime() - s;
                    }
                });
            }
        }
        long wall = System.nanoTime() - t0;
        Arrays.sort(nanos);
        return new Result(nanos, wall);
    }

    /** 1,000 calls over 10 servers in one callAll, against each server's own 100 calls alone. */
    private static void fanOut() {
        List<ServerConfig> servers = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            var scenario = FakeMcpServer.builder().name("s" + s).tool(FakeTool.delay("work", Duration.ofMillis(2)))
                    .build();
            servers.add(server("s" + s, FakeMcpServer.stdioCommand(scenario)));
        }
        var base = SwitchboardConfig.of(servers);
        var config = new SwitchboardConfig(base.servers(), Orchestration.DEFAULT.withMaxConcurrentCalls(1_000), base.logging(),
                base.warnings());
        try (Switchboard sb = Switchboard.start(config)) {
            List<ToolCall> all = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                all.add(ToolCall.of("s" + (i % 10), "work", Map.of("i", i)));
            }
            for (int round = 0; round < 3; round++) {
                sb.callAll(all, CallAllOptions.DEFAULT.withMaxConcurrency(100)); // warm-up
            }
            long t0 = System.nanoTime();
            List<Outcome> outcomes = sb.callAll(all, CallAllOptions.DEFAULT.withMaxConcurrency(100));
            double totalMs = (System.nanoTime() - t0) / 1e6;
            long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
            double slowestMs = 0;
            for (int s = 0; s < 10; s++) {
                String name = "s" + s;
                List<ToolCall> share = all.stream().filter(c -> c.server().equals(name)).toList();
                long s0 = System.nanoTime();
                sb.callAll(share, CallAllOptions.DEFAULT.withMaxConcurrency(10));
                slowestMs = Math.max(slowestMs, (System.nanoTime() - s0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "callAll 1,000 calls over 10 servers (2 ms tool, 100 at once): %.0f ms"
                    + " (%d failed); slowest server's 100 calls alone (10 at once): %.0f ms; ratio %.2f%n",
                    totalMs, failed, slowestMs, totalMs / slowestMs);
        }
    }

    private static McpSyncClient sdkClient(List<String> command) {
        var params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
        var client = McpClient.sync(new StdioClientTransport(params, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static SwitchboardConfig config(List<String> command, boolean progressExtends) {
        var s = server("bench", command);
        var c = s.options().calls();
        var calls = new CallPolicy(c.maxTotal(), progressExtends, c.retryAttempts(), c.retryBackoff(),
                c.maxConcurrentCalls(), c.queueWait(), c.breaker());
        var base = SwitchboardConfig.of(List.of(s.withOptions(s.options().withCalls(calls))));
        return new SwitchboardConfig(base.servers(), Orchestration.DEFAULT.withMaxConcurrentCalls(1_000), base.logging(),
                base.warnings());
    }

    private static StdioServer server(String name, List<String> command) {
        CallPolicy d = CallPolicy.DEFAULT;
        var calls = new CallPolicy(d.maxTotal(), d.progressExtendsDeadline(), d.retryAttempts(), d.retryBackoff(),
                256, Duration.ofSeconds(5), d.breaker());
        return new StdioServer(name, ServerOptions.DEFAULT.withCalls(calls), command.get(0),
                command.subList(1, command.size()), Map.of(), List.of(), false, null, Duration.ofMillis(500));
    }
}
