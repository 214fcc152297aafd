package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Closing the context closes the Switchboard: its server processes and threads are gone and it takes no more calls.
 */
class StarterClosesSwitchboardWithContextTest {

    @Test
    void noServerProcessOutlivesTheContext() {
        var scenario = FakeMcpServer.builder().name("closing").tool(FakeTool.echo("echo")).build();
        List<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        List<Long> started = new ArrayList<>();
        AtomicReference<Switchboard> switchboard = new AtomicReference<>();
        StarterFixtures.runner()
                .withPropertyValues(StarterFixtures.stdio("closing-a", scenario))
                .withPropertyValues(StarterFixtures.stdio("closing-b", scenario))
                .run(context -> {
                    Switchboard sb = context.getBean(Switchboard.class);
                    switchboard.set(sb);
                    assertThat(sb.call("closing-b", "echo", Map.of("x", "1")).isError()).isFalse();
                    ProcessHandle.current().descendants().map(ProcessHandle::pid)
                            .filter(pid -> !before.contains(pid)).forEach(started::add);
                    assertThat(started).as("one process per server").hasSizeGreaterThanOrEqualTo(2);
                    assertThat(ThreadNames.now()).as("the servers' threads while open")
                            .anyMatch(name -> name.contains("closing-"));
                });
        assertThat(ThreadNames.now()).as("threads of the closed Switchboard")
                .noneMatch(name -> name.contains("closing-"));
        // Direct children are reaped before close() returns; their own children (if any) are orphans that init
        // reaps a moment later, so wait for the OS, not for a timer of ours.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started)
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertThatThrownBy(() -> switchboard.get().call("closing-a", "echo", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
    }
}
