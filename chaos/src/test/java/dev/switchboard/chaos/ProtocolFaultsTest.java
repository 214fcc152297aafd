package dev.switchboard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.CallLedger;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.ResourceBaseline;
import dev.switchboard.testing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Servers that break the protocol, beside a healthy one under load: one never answers initialize, one answers with
 * ids nobody asked for, one writes a 50 MB line, one floods 100,000 notifications, one hangs, one exits mid-call.
 * Every call is answered (a result or a typed error) within its deadline and a second, the healthy server never
 * fails, and nothing is left behind once the Switchboard is closed.
 */
class ProtocolFaultsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CALLS_PER_FAULT = 2;
    /** A server that never answers initialize, and one whose answers (to tools/list first) all carry wrong ids. */
    private static final List<String> NEVER_READY = List.of("silent", "wrong-ids");

    @Test
    void everyFaultIsAnsweredInTimeAndTheHealthyServerNeverNotices() throws Exception {
        ResourceBaseline before = ResourceBaseline.afterWarmUp();
        CallLedger faulty = new CallLedger();
        CallLedger healthy = run(faulty);
        List<String> leaks = Chaos.leaksSince(before);
        for (String target : faulty.entries().stream().map(CallLedger.Entry::target).distinct().sorted().toList()) {
            System.out.printf("chaos: protocol fault %-15s outcomes %s, slowest %d ms%n", target,
                    faulty.outcomes(e -> e.target().equals(target)), faulty.where(e -> e.target().equals(target))
                            .stream().mapToLong(e -> e.took().toMillis()).max().orElse(0));
        }
        System.out.println("chaos: protocol faults, healthy server beside them " + healthy.outcomes(e -> true)
                + "; left behind: " + leaks);
        assertThat(faulty.late(Chaos.GRACE)).as("answered late").isEmpty();
        assertThat(faulty.where(e -> e.outcome().startsWith("untyped:"))).as("untyped failures").isEmpty();
        assertThat(healthy.where(e -> !e.ok())).as("the healthy server failed").isEmpty();
        assertThat(healthy.late(Chaos.GRACE)).isEmpty();
        assertThat(leaks).as("left behind").isEmpty();
    }

    private static CallLedger run(CallLedger faulty) throws Exception {
        var servers = List.of(
                server("healthy", FakeMcpServer.builder().name("healthy").tool(FakeTool.echo("echo")).build()),
                server("silent", FakeMcpServer.builder().name("silent").tool(FakeTool.echo("echo"))
                        .silentInitialize().build()),
                server("wrong-ids", FakeMcpServer.builder().name("wrong-ids").tool(FakeTool.echo("echo")).wrongIds()
                        .build()),
                // One process for three faults: fewer JVMs to start on a small machine.
                server("rogue", FakeMcpServer.builder().name("rogue").tool(FakeTool.hugeLine("huge", 50_000_000),
                        FakeTool.logging("flood", 100_000, Duration.ZERO), FakeTool.hang("hang")).build()),
                server("exit", FakeMcpServer.builder().name("exit").tool(FakeTool.exit("exit", 3)).build()));
        try (Switchboard sb = Switchboard.start(SwitchboardConfig.of(servers))) {
            // Five JVMs start at once on a small machine: the faults are in serving, not in starting.
            await().atMost(Duration.ofSeconds(120)).until(() -> sb.status().stream()
                    .filter(s -> !NEVER_READY.contains(s.name())).allMatch(s -> s.ready()));
            return underLoad(sb, faulty);
        }
    }

    private static CallLedger underLoad(Switchboard sb, CallLedger faulty) throws Exception {
        try (Load load = new Load(List.of("healthy/echo"), 4, DEADLINE, (target, caller, seq) -> call(sb, target))) {
            try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String target : List.of("silent/echo", "wrong-ids/echo", "rogue/huge", "rogue/flood",
                        "rogue/hang", "exit/exit")) {
                    callers.submit(() -> {
                        for (int i = 0; i < CALLS_PER_FAULT; i++) {
                            long start = System.nanoTime();
                            String outcome = call(sb, target);
                            faulty.add(target, start, System.nanoTime(), DEADLINE, outcome);
                        }
                    });
                }
            }
            int unanswered = load.stop();
            assertThat(unanswered).as("healthy calls never answered").isZero();
            return load.ledger();
        }
    }

    /** Calls {@code server/tool}. */
    private static String call(Switchboard sb, String target) {
        String[] serverAndTool = target.split("/");
        try {
            var r = sb.call(serverAndTool[0], serverAndTool[1], Map.of(), DEADLINE);
            return r.isError() ? "tool-error" : CallLedger.OK;
        } catch (SwitchboardException e) {
            return e.code().name();
        } catch (RuntimeException e) {
            return "untyped:" + e;
        }
    }

    private static StdioServer server(String name, Scenario scenario) {
        List<String> command = new ArrayList<>(FakeMcpServer.stdioCommand(scenario));
        return StdioServer.builder(name, command.get(0)).args(command.subList(1, command.size()))
                .options(ServerOptions.builder().connectTimeout(Duration.ofSeconds(60)).requestTimeout(DEADLINE)
                        .build())
                .shutdownGrace(Duration.ofMillis(500)).build();
    }
}
