package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code roots:} per server and in {@code defaults:}, a server's own list replacing the default one. */
class ReadsRootsTest {

    @Test
    void aServersRootsReplaceTheDefaultOnes() {
        SwitchboardConfig c = Configs.yaml("""
                defaults:
                  roots: [{uri: "file:///srv/shared", name: shared}]
                servers:
                  fs: {command: x, roots: [{uri: "file:///home/me/project"}]}
                  db: {command: y}
                  none: {command: z, roots: []}
                """);
        assertThat(c.server("fs").orElseThrow().options().roots())
                .containsExactly(new Root("file:///home/me/project", null));
        assertThat(c.server("db").orElseThrow().options().roots())
                .containsExactly(new Root("file:///srv/shared", "shared"));
        assertThat(c.server("none").orElseThrow().options().roots()).isEmpty();
    }

    @Test
    void reportsRootsThatAreNotListsOfUris() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, roots: "file:///a"}
                  b: {command: x, roots: [{name: nameless}, {uri: "file:///b", path: x}, 3]}
                """)).containsExactlyInAnyOrder(
                "servers.a.roots: \"file:///a\" is not a list (expected: a list of {uri, name}, e.g."
                        + " [{uri: file:///home/me/project, name: project}])",
                "servers.b.roots[0].uri: is missing (expected: a URI like file:///home/me/project)",
                "servers.b.roots[1].path: unknown key (expected one of: uri, name)",
                "servers.b.roots[2]: is a number (expected: a map with uri and optional name)");
    }
}
