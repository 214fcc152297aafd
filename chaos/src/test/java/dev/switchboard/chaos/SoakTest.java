package dev.switchboard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.testing.CallLedger;
import dev.switchboard.testing.ResourceBaseline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The soak: a Switchboard and its gateway used for long, with calls that time out, crashes, reloads and downstream
 * sessions coming and going (see {@link Soak}); what the JVM holds is counted after a warm-up and again at the end,
 * both while everything still runs, and must not have grown. The short form runs in every build; the long form
 * ({@code -Psoak}: 5,000 calls per server, 20 crashes, 100 reloads, 1,000 sessions) is the one docs/reliability.md
 * reports.
 */
class SoakTest {
    private static final Soak.Plan PLAN = new Soak.Plan(Integer.getInteger("soak.cycles", 400),
            Integer.getInteger("soak.crashes", 2), Integer.getInteger("soak.reloads", 4),
            Integer.getInteger("soak.sessions", 40));
    /** Each request's limit, for the gateway's calls (the library's calls set their own, see {@link Soak}). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Heap after a full GC may differ by this much from one count to the next while everything runs. */
    private static final long HEAP_MARGIN = 8L * 1024 * 1024;

    /**
     * What the JVM holds at one moment, and how many sessions the gateway has open. Besides the heap in use, the
     * heap committed and the memory outside the heap (compiled code, class metadata): what explains the RSS.
     */
    private record Footprint(ResourceBaseline held, long rssBytes, long heapCommitted, long nonHeap, int sessions) {
        static Footprint now(Gateway gateway) {
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            ResourceBaseline held = ResourceBaseline.now();
            return new Footprint(held, rss(), memory.getHeapMemoryUsage().getCommitted(),
                    memory.getNonHeapMemoryUsage().getUsed(), gateway.sessionCount());
        }

        /** What grew since {@code start}: processes by count (a crash-restart changes a pid), the rest as held. */
        List<String> growthSince(Footprint start) {
            ResourceBaseline s = start.held;
            boolean sameCount = held.processes().size() == s.processes().size();
            List<String> growth = new ArrayList<>(held.leaksSince(new ResourceBaseline(sameCount ? held.processes()
                    : s.processes(), s.platformThreads(), s.virtualThreads(), s.descriptors(), s.heapBytes()),
                    HEAP_MARGIN));
            if (sessions > start.sessions) {
                growth.add("gateway sessions: " + start.sessions + " -> " + sessions);
            }
            return growth;
        }

        String summary() {
            return held.summary() + " rssMB=" + mb(rssBytes) + " heapCommittedMB=" + mb(heapCommitted)
                    + " nonHeapMB=" + mb(nonHeap) + " gatewaySessions=" + sessions;
        }

        private static long mb(long bytes) {
            return bytes / (1024 * 1024);
        }
    }

    /** What a soak found while everything ran. */
    private record Findings(List<String> growth, Map<String, Long> outcomes) {
    }

    @Test
    void longUseGrowsNothing() throws Exception {
        ResourceBaseline empty = ResourceBaseline.afterWarmUp();
        Findings found = soak(); // its own frame: nothing it held stays reachable from here
        List<String> leaks = Chaos.leaksSince(empty);
        System.out.println("soak: closed, before " + empty.summary() + "; after " + ResourceBaseline.now().summary()
                + "; left behind: " + leaks);
        assertThat(found.growth()).as("grown while running").isEmpty();
        assertThat(leaks).as("left behind").isEmpty();
        assertThat(problems(found.outcomes())).as("calls that did not end as they must").isEmpty();
        assertThat(found.outcomes().values().stream().mapToLong(Long::longValue).sum()).as("calls made")
                .isGreaterThanOrEqualTo((long) PLAN.cycles() * SoakServers.CALLED.size());
    }

    private static Findings soak() throws Exception {
        try (SoakServers servers = new SoakServers();
                Switchboard sb = Switchboard.start(config(servers, false));
                Gateway gateway = Gateway.start(sb);
                DownstreamSessions sessions = new DownstreamSessions(gateway.url())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sb.status().stream().allMatch(s -> s.ready()));
            Soak soak = new Soak(sb, servers, config(servers, false), config(servers, true), sessions);
            soak.run(PLAN.tenth()); // pools, caches and compiled code reach their steady size
            Footprint start = Footprint.now(gateway);
            long began = System.nanoTime();
            soak.run(PLAN);
            long seconds = (System.nanoTime() - began) / 1_000_000_000;
            List<String> growth = Chaos.settled(() -> Footprint.now(gateway).growthSince(start));
            System.out.printf("soak: %s in %d s%nsoak: start %s%nsoak: end   %s%n", PLAN, seconds, start.summary(),
                    Footprint.now(gateway).summary());
            soak.outcomes().forEach((k, v) -> System.out.println("soak: " + k + " " + v));
            return new Findings(growth, soak.outcomes());
        }
    }

    /**
     * Every call to a server that was not crashed returned (echo, a gateway session's call) or timed out (stuck);
     * calls to the crashed one ended in a result or one of the library's codes, never anything else.
     */
    private static List<String> problems(Map<String, Long> outcomes) {
        List<String> problems = new ArrayList<>();
        outcomes.forEach((key, count) -> {
            String[] f = key.split(" ", 3);
            String expected = f[1].equals("stuck") ? "TIMEOUT" : CallLedger.OK;
            boolean crashed = f[0].equals(SoakServers.CRASHING);
            if (crashed ? !f[2].matches("ok|[A-Z_]+") : !f[2].equals(expected)) {
                problems.add(key + ": " + count);
            }
        });
        return problems;
    }

    private static SwitchboardConfig config(SoakServers servers, boolean withReloaded) {
        // Warnings only: at INFO, the servers' stderr (a line per call) would make the report tens of megabytes.
        return SwitchboardConfig.builder().servers(servers.configs(TIMEOUT, withReloaded))
                .gateway(GatewaySettings.builder().port(0).build()).logging(LogSettings.builder().level("WARN")
                        .build()).build();
    }

    private static long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
