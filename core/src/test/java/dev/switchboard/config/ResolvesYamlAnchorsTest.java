package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvesYamlAnchorsTest {

    @Test
    void expandsAliasesAndMergeKeys() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: &base
                    command: srv
                    args: &args [--port, "1"]
                    domains: [sales]
                  b:
                    <<: *base
                    args: *args
                    domains: [hr]
                """);
        StdioServer b = Configs.stdio(c, "b");
        assertThat(b.command()).isEqualTo("srv");
        assertThat(b.args()).containsExactly("--port", "1");
        assertThat(b.options().domains()).containsExactly("hr");
    }

    @Test
    void editingOneUseOfAnAliasLeavesTheOthersAlone() {
        SwitchboardConfig c = ConfigLoader.builder().environment(Map.of())
                .override("servers.b.env.X", "changed").build().parse("""
                        servers:
                          a: {command: srv, env: &env {X: same}}
                          b: {command: srv, env: *env}
                        """, "test.yaml");
        assertThat(Configs.stdio(c, "a").env()).containsEntry("X", "same");
        assertThat(Configs.stdio(c, "b").env()).containsEntry("X", "changed");
    }

    @Test
    void rejectsUnknownAliasesAndDuplicateKeys() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: srv, command: other, args: *nowhere}
                """)).containsExactly(
                "servers.a.command: duplicate key (expected: each key once)",
                "servers.a.args: alias *nowhere refers to no anchor (expected: &nowhere on an earlier value)");
    }

    @Test
    void refusesAliasBombs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(("*a" + (i - 1) + ", ").repeat(10)).append("]\n");
        }
        assertThat(Configs.problems(yaml.toString())).containsExactly("test.yaml: has more than 100000 values"
                + " (expected: a configuration file; are YAML aliases nested too deep?)");
    }
}
