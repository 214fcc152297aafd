package dev.switchboard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.CallOptions;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.CallLedger;
import dev.switchboard.testing.ResourceBaseline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twenty callers call six servers (stdio, Streamable HTTP, legacy SSE) through one Switchboard, each call with a
 * deadline, while the servers are killed, stopped, restarted, expired, turned to garbage, reset and black-holed one
 * after another. Every promise is checked after the run (see {@link ChaosRun}), then that the closed Switchboard
 * left no process, thread, descriptor or heap behind.
 */
class ChaosThroughTheLibraryTest {

    @Test
    void everyCallIsAnsweredInTimeOnlyVictimsFailAndNothingLeaks() throws Exception {
        ResourceBaseline before = ResourceBaseline.afterWarmUp();
        List<String> broken = run();
        List<String> leaks = Chaos.leaksSince(before);
        System.out.println("chaos: library run, before " + before.summary() + "; after " + ResourceBaseline.now()
                .summary() + "; left behind: " + leaks);
        assertThat(broken).as("broken promises").isEmpty();
        assertThat(leaks).as("left behind").isEmpty();
    }

    private static List<String> run() throws Exception {
        CallOptions options = CallOptions.DEFAULT.withTimeout(Chaos.DEADLINE);
        var downs = new DownTimes();
        try (Fleet fleet = new Fleet();
                Switchboard sb = Switchboard.builder(SwitchboardConfig.of(fleet.configs(Chaos.DEADLINE)))
                        .listener(downs).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sb.status().stream().allMatch(s -> s.ready()));
            try (Load load = new Load(Fleet.SERVERS, Chaos.CALLERS, Chaos.DEADLINE, (server, caller, seq) -> {
                try {
                    ToolResult r = sb.call(ToolCall.of(server, "echo", Map.of("caller", caller, "seq", seq)), options);
                    return r.isError() ? "tool-error: " + r.text() : CallLedger.OK;
                } catch (SwitchboardException e) {
                    return e.code().name();
                }
            })) {
                var run = new ChaosRun(load, downs, Fleet.SERVERS, () -> Chaos.oneProcessEach(fleet));
                run.play(Chaos.serverFaults(fleet, sb), Chaos.ROUNDS);
                return run.verdict(Chaos.GRACE, load.stop());
            }
        }
    }
}
