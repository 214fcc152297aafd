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
 * with {@code progress_extends_deadline: false}, which sends no progress token when the caller wants no progress;
 * "SDK-pt" is the bare SDK sending a progress token with every request, as Switchboard does by default.
 */
public final class CallPathBenchmark {
    private static final int WARMUP = 3_000;
    private static final int SEQUENTIAL = 5_000;
    private static final int CONCURRENT_CALLS = 20_000;
    private static final int ROUNDS = 7;
    private static final int FAN_OUT_WARMUP_ROUNDS = 20;
    private static final int MAX_WARMUP_PASSES = 8;
    private static final long JIT_SETTLED_MILLIS = 50;

    private CallPathBenchmark() {
    }

    /** One way of making a call, with the caller's index. */
    private interface Caller extends IntConsumer {
    }

    /**
     * No argument: both parts; {@code calls} or {@code fan-out}: only that part; {@code loop CLIENT SECONDS}: one
     * client ({@code SDK}, {@code SB} or {@code SB-np}) calling sequentially for that long, to profile it alone.
     */
    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : "";
        if (only.equals("loop")) {
            loop(args[1], Duration.ofSeconds(Long.parseLong(args[2])));
            return;
        }
        if (!only.equals("fan-out")) {
            callPath();
        }
        if (!only.equals("calls")) {
            fanOut();
        }
    }

    private static void callPath() throws Exception {
        // Both clients log every line the server prints on stderr at INFO; measure calls, not logging.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        var scenario = FakeMcpServer.builder().name("bench").tool(FakeTool.echo("echo")).build();
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        System.out.println("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; "
                + ROUNDS + " rounds per row, the clients taking turns; throughput and CPU are medians of the rounds,"
                + " latencies are over all calls of all rounds");
        try (McpSyncClient sdk = sdkClient(command); Switchboard sb = Switchboard.start(config(command, true));
                Switchboard plain = Switchboard.start(config(command, false))) {
            List<Caller> callers = List.of(
                    i -> sdk.callTool(new McpSchema.CallToolRequest("echo", Map.of("i", i))),
                    i -> sb.call("bench", "echo", Map.of("i", i)),
                    i -> plain.call("bench", "echo", Map.of("i", i)),
                    i -> sdk.callTool(McpSchema.CallToolRequest.builder("echo").arguments(Map.of("i", i))
                            .progressToken("t-" + i).build()));
            List<String> names = List.of("SDK", "SB", "SB-np", "SDK-pt");
            warmUp(callers);
            for (int n : new int[] {1, 8, 32}) {
                List<List<Result>> rounds = new ArrayList<>();
                callers.forEach(c -> rounds.add(new ArrayList<>()));
                for (int round = 0; round < ROUNDS; round++) {
                    for (int k = 0; k < callers.size(); k++) {
                        int who = (k + round) % callers.size(); // each client goes first, middle and last in turn
                        rounds.get(who).add(run(callers.get(who), n, n == 1 ? SEQUENTIAL : CONCURRENT_CALLS));
                    }
                }
                String label = n == 1 ? "sequential" : n + " callers";
                Summary base = Summary.of(rounds.get(0));
                for (int k = 0; k < callers.size(); k++) {
                    print(label, names.get(k), Summary.of(rounds.get(k)), k == 0 ? null : base);
                }
            }
        }
    }

    /**
     * Whole warm-up passes over every path at every concurrency until the JIT has settled (a pass compiles for less
     * than {@value #JIT_SETTLED_MILLIS} ms), at most {@value #MAX_WARMUP_PASSES}: compiling during a measured round
     * would count as the client's CPU (on a loaded 2-CPU machine a single pass left ~400 ms of compiling to the
     * sequential rounds, ~10 us per call).
     */
    private static void warmUp(List<Caller> callers) throws InterruptedException {
        for (int pass = 1; pass <= MAX_WARMUP_PASSES; pass++) {
            long jit0 = jitMillis();
            for (int n : new int[] {1, 8, 32}) {
                for (Caller c : callers) {
                    run(c, n, WARMUP);
                }
            }
            long compiled = jitMillis() - jit0;
            if (compiled < JIT_SETTLED_MILLIS || pass == MAX_WARMUP_PASSES) {
                System.out.printf(Locale.ROOT, "warm-up: %d pass(es), the last compiled for %d ms%n", pass, compiled);
                return;
            }
        }
    }

    private static void loop(String client, Duration length) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> command = FakeMcpServer.stdioCommand(FakeMcpServer.builder().name("bench")
                .tool(FakeTool.echo("echo")).build());
        AutoCloseable open;
        Caller caller;
        if (client.equals("SDK")) {
            McpSyncClient sdk = sdkClient(command);
            open = sdk;
            caller = i -> sdk.callTool(new McpSchema.CallToolRequest("echo", Map.of("i", i)));
        } else {
            Switchboard sb = Switchboard.start(config(command, !client.equals("SB-np")));
            open = sb;
            caller = i -> sb.call("bench", "echo", Map.of("i", i));
        }
        try (open) {
            long end = System.nanoTime() + length.toNanos();
            int calls = 0;
            while (System.nanoTime() < end) {
                Result r = run(caller, 1, SEQUENTIAL);
                calls += SEQUENTIAL;
                System.out.printf(Locale.ROOT, "%s: %.0f calls/s, client CPU %.1f us/call, %d B/call%n", client,
                        r.perSecond(), r.clientCpuNanos() / 1000.0 / SEQUENTIAL, r.allocated() / SEQUENTIAL);
            }
            System.out.println(calls + " calls");
        }
    }

    private static void print(String label, String who, Summary r, Summary base) {
        System.out.printf(Locale.ROOT, "%-11s %-6s p50 %7.1f us  p99 %7.1f us  %8.0f calls/s  client CPU %5.1f us/call"
                + "  server CPU %5.1f us/call  client alloc %6.0f B/call  JIT %4d ms", label, who, r.p50Micros(),
                r.p99Micros(), r.perSecond(), r.clientCpuMicros(), r.serverCpuMicros(), r.allocatedPerCall(),
                r.jitMillis());
        if (base != null) {
            System.out.printf(Locale.ROOT, "   (p50 %+.1f us, throughput %+.1f%%, client CPU %+.1f us, alloc %+.0f B)",
                    r.p50Micros() - base.p50Micros(), 100 * (r.perSecond() / base.perSecond() - 1),
                    r.clientCpuMicros() - base.clientCpuMicros(), r.allocatedPerCall() - base.allocatedPerCall());
        }
        System.out.println();
    }

    /** One measured run: each call's latency, the wall time, and the CPU time of this JVM and of its children. */
    private record Result(long[] nanos, long wallNanos, long clientCpuNanos, long serverCpuNanos, long allocated,
            long jitMillis) {
        double perSecond() {
            return nanos.length / (wallNanos / 1e9);
        }
    }

    /** Several runs of one client at one concurrency. */
    private record Summary(long[] nanos, double perSecond, double clientCpuMicros, double serverCpuMicros,
            double allocatedPerCall, long jitMillis) {
        static Summary of(List<Result> runs) {
            long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).sorted().toArray();
            return new Summary(all, median(runs, Result::perSecond),
                    median(runs, r -> r.clientCpuNanos() / 1000.0 / r.nanos().length),
                    median(runs, r -> r.serverCpuNanos() / 1000.0 / r.nanos().length),
                    median(runs, r -> r.allocated() / (double) r.nanos().length),
                    runs.stream().mapToLong(Result::jitMillis).sum());
        }

        private static double median(List<Result> runs, java.util.function.ToDoubleFunction<Result> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return v[v.length / 2];
        }

        double p50Micros() {
            return nanos[nanos.length / 2] / 1000.0;
        }

        double p99Micros() {
            return nanos[(int) (nanos.length * 0.99)] / 1000.0;
        }
    }

    private static Result run(Caller caller, int callers, int calls) throws InterruptedException {
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        long cpu0 = clientCpu();
        long server0 = serverCpu();
        long allocated0 = allocated();
        long jit0 = jitMillis();
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
        long allocated = allocated() - allocated0;
        Arrays.sort(nanos);
        return new Result(nanos, wall, clientCpu() - cpu0, serverCpu() - server0, allocated, jitMillis() - jit0);
    }

    /** Time the JIT compilers have spent so far: compiling during a measured round adds to its client CPU. */
    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Bytes allocated on the heap by this JVM's threads so far (carriers included, so virtual threads too). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
    }

    private static long clientCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of every server process (the idle ones add only their idle ticks). */
    private static long serverCpu() {
        return ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration()
                .map(Duration::toNanos).orElse(0L)).sum();
    }

    /** 1,000 calls over 10 servers in one callAll, against each server's own 100 calls alone. */
    private static void fanOut() {
        List<ServerConfig> servers = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            var scenario = FakeMcpServer.builder().name("s" + s).tool(FakeTool.delay("work", Duration.ofMillis(2)))
                    .build();
            servers.add(server("s" + s, FakeMcpServer.stdioCommand(scenario)));
        }
        var config = SwitchboardConfig.builder().servers(servers)
                .orchestration(Orchestration.builder().maxConcurrentCalls(1_000).build()).build();
        try (Switchboard sb = Switchboard.start(config)) {
            List<ToolCall> all = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                all.add(ToolCall.of("s" + (i % 10), "work", Map.of("i", i)));
            }
            // Each server is a JVM of its own: warm it up well past the JIT's thresholds, as a long-running one is.
            for (int round = 0; round < FAN_OUT_WARMUP_ROUNDS; round++) {
                sb.callAll(all, CallAllOptions.DEFAULT.withMaxConcurrency(100));
            }
            double[] totals = new double[ROUNDS];
            double[] slowest = new double[ROUNDS];
            double[] busy = new double[ROUNDS];
            long failed = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long cpu0 = clientCpu() + serverCpu();
                long t0 = System.nanoTime();
                List<Outcome> outcomes = sb.callAll(all, CallAllOptions.DEFAULT.withMaxConcurrency(100));
                long wall = System.nanoTime() - t0;
                totals[round] = wall / 1e6;
                busy[round] = (clientCpu() + serverCpu() - cpu0) / (double) wall;
                failed += outcomes.stream().filter(o -> !o.succeeded()).count();
                for (int s = 0; s < 10; s++) {
                    String name = "s" + s;
                    List<ToolCall> share = all.stream().filter(c -> c.server().equals(name)).toList();
                    long s0 = System.nanoTime();
                    sb.callAll(share, CallAllOptions.DEFAULT.withMaxConcurrency(10));
                    slowest[round] = Math.max(slowest[round], (System.nanoTime() - s0) / 1e6);
                }
            }
            Arrays.sort(totals);
            Arrays.sort(slowest);
            Arrays.sort(busy);
            double totalMs = totals[ROUNDS / 2];
            double slowestMs = slowest[ROUNDS / 2];
            System.out.printf(Locale.ROOT, "callAll 1,000 calls over 10 servers (2 ms tool, 100 at once): %.0f ms"
                    + " (%d failed); slowest server's 100 calls alone (10 at once): %.0f ms; ratio %.2f"
                    + "; CPUs busy during the batch (client and servers) %.2f of %d (medians of %d rounds)%n", totalMs,
                    failed, slowestMs, totalMs / slowestMs, busy[ROUNDS / 2], Runtime.getRuntime().availableProcessors(),
                    ROUNDS);
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
        var calls = s.options().calls().toBuilder().progressExtendsDeadline(progressExtends).build();
        return SwitchboardConfig.builder().servers(List.of(s.withOptions(s.options().toBuilder().calls(calls).build())))
                .orchestration(Orchestration.builder().maxConcurrentCalls(1_000).build()).build();
    }

    private static StdioServer server(String name, List<String> command) {
        var calls = CallPolicy.builder().maxConcurrentCalls(256).queueWait(Duration.ofSeconds(5)).build();
        return StdioServer.builder(name, command.get(0)).options(ServerOptions.builder().calls(calls).build())
                .args(command.subList(1, command.size())).shutdownGrace(Duration.ofMillis(500)).build();
    }
}
