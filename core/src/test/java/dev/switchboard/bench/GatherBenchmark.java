package dev.switchboard.bench;

import dev.switchboard.GatherResult;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.it.ResourceFixtures;
import dev.switchboard.it.ScriptedResourceServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.RunningFakeServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gathering resources from 20 servers with 50 resources each, one of them slow: how the whole gather's time compares
 * with the slow server gathered alone (servers run in parallel, so the target is within 1.3x), and the peak heap.
 * Not a test: run it by hand (see docs/benchmarks.md, "Gathering resources").
 */
public final class GatherBenchmark {
    private static final int SERVERS = 20;
    private static final int RESOURCES = 50;
    private static final int CONTENT_BYTES = 2048;
    private static final int WARMUP = 5;
    private static final int RUNS = 20;

    private GatherBenchmark() {
    }

    public static void main(String[] args) {
        quietLogs();
        run(Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 40));
        // The SDK's HTTP server transport leaves a non-daemon session sweeper behind each fake server.
        System.exit(0);
    }

    private static void run(Duration slowRead) {
        var slow = ScriptedResourceServer.named("slow").items(RESOURCES).readDelay(slowRead)
                .options(ResourceFixtures.options(SERVERS)).config();
        List<RunningFakeServer> fakes = new ArrayList<>();
        try {
            List<ServerConfig> all = new ArrayList<>();
            for (int i = 0; i < SERVERS - 1; i++) {
                RunningFakeServer f = fake(i);
                fakes.add(f);
                all.add(ResourceFixtures.http("fake" + i, f, ResourceFixtures.options(i + 1)));
            }
            all.add(slow);
            ResourcePolicy policy = ResourcePolicy.DEFAULT;
            try (var alone = Switchboard.start(ResourceFixtures.config(policy, List.of(slow)))) {
                double slowAlone = medianMillis(() -> check(alone.gatherResources(), RESOURCES));
                double fastOnly;
                try (var fast = Switchboard.start(ResourceFixtures.config(policy, all.subList(0, SERVERS - 1)))) {
                    fastOnly = medianMillis(() -> check(fast.gatherResources(), (SERVERS - 1) * RESOURCES));
                }
                try (var sb = Switchboard.start(ResourceFixtures.config(policy, all))) {
                    resetPeaks();
                    List<Double> ownShare = new ArrayList<>();
                    double whole = medianMillis(() -> {
                        GatherResult r = check(sb.gatherResources(), SERVERS * RESOURCES);
                        long slowest = r.servers().stream().mapToLong(x -> x.duration().toNanos()).max().orElse(1);
                        ownShare.add((double) r.duration().toNanos() / slowest);
                        return r;
                    });
                    long peak = heapPeakBytes();
                    System.out.printf("servers=%d resources/server=%d content=%dB slow read=%dms"
                            + " read_concurrency=%d runs=%d (median)%n", SERVERS, RESOURCES, CONTENT_BYTES,
                            slowRead.toMillis(), policy.readConcurrency(), RUNS);
                    System.out.printf("slow server alone: %.1f ms%n", slowAlone);
                    System.out.printf("the %d fast servers without the slow one: %.1f ms%n", SERVERS - 1,
                            fastOnly);
                    System.out.printf("all %d servers:    %.1f ms  (%.2fx the slow server alone)%n", SERVERS,
                            whole, whole / slowAlone);
                    System.out.printf("whole gather / slowest server's own duration in it: %.3fx (median)%n",
                            ownShare.stream().sorted().toList().get(ownShare.size() / 2));
                    System.out.printf("peak heap during the %d gathers: %.1f MiB%n", RUNS + WARMUP,
                            peak / (1024.0 * 1024.0));
                }
            }
        } finally {
            fakes.forEach(RunningFakeServer::close);
        }
    }

    /** Events at INFO cost more than the gather itself when printed; the benchmark measures the gather. */
    private static void quietLogs() {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static RunningFakeServer fake(int index) {
        var b = FakeMcpServer.builder().name("fake" + index);
        String body = "x".repeat(CONTENT_BYTES);
        for (int r = 0; r < RESOURCES; r++) {
            b.resource(FakeResource.text("fake" + index + "://item/" + r, "item-" + r, "text/plain", body));
        }
        return b.startHttp();
    }

    private static GatherResult check(GatherResult r, int expected) {
        if (!r.complete() || r.resourceCount() != expected) {
            throw new IllegalStateException("gather incomplete: " + r.failures() + ", " + r.resourceCount());
        }
        return r;
    }

    private static double medianMillis(Supplier<GatherResult> gather) {
        for (int i = 0; i < WARMUP; i++) {
            gather.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            gather.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
