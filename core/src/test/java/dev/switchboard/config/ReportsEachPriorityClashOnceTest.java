package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 12: priorities were checked pair by pair, and every pair that clashed was reported: 2,000 servers sharing a
 * priority and a domain made two million problems and took minutes. Each server is now checked against the first
 * server with the same priority and domain (docs/reliability.md has the timings).
 */
class ReportsEachPriorityClashOnceTest {

    @Test
    void reportsALaterServerAgainstTheFirstThatClaimedThePriority() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, priority: 5, domains: [sales, Hr]}
                  b: {command: x, priority: 5, domains: [hr]}
                  c: {command: x, priority: 5, domains: [Sales, hr, it]}
                """)).containsExactly(
                "servers.b.priority: 5 is also the priority of server a, and both serve domain Hr (expected: different"
                        + " priorities, so that one of them wins for domain Hr)",
                "servers.c.priority: 5 is also the priority of server a, and both serve domains sales, Hr (expected:"
                        + " different priorities, so that one of them wins for domains sales, Hr)");
    }

    @Test
    void reportsOneProblemPerServerWhenThousandsShareAPriorityAndADomain() {
        StringBuilder yaml = new StringBuilder("servers:\n");
        for (int i = 0; i < 2_000; i++) {
            yaml.append("  s").append(i).append(": {command: x, priority: 10, domains: [d]}\n");
        }

        assertThat(Configs.problems(yaml.toString())).hasSize(1_999)
                .allMatch(p -> p.contains(" is also the priority of server s0,"))
                .startsWith("servers.s1.priority: 10 is also the priority of server s0, and both serve domain d"
                        + " (expected: different priorities, so that one of them wins for domain d)")
                .endsWith("servers.s1999.priority: 10 is also the priority of server s0, and both serve domain d"
                        + " (expected: different priorities, so that one of them wins for domain d)");
    }
}
