package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code call CONFIG NAME} with a qualified or bare name, and how {@code tools} shows a name two servers share. */
class CallsToolByNameTest {
    @TempDir
    Path dir;

    private Path config() {
        Map<String, Object> servers = new LinkedHashMap<>();
        Map<String, Object> backup = Configs.stdio(FakeMcpServer.builder().name("backup")
                .tool(FakeTool.text("lookup", "from backup")).build());
        backup.put("priority", 50);
        Map<String, Object> primary = Configs.stdio(FakeMcpServer.builder().name("primary")
                .tool(FakeTool.text("lookup", "from primary")).build());
        primary.put("priority", 10);
        servers.put("backup", backup);
        servers.put("primary", primary);
        return Configs.write(dir, servers);
    }

    @Test
    void aBareNameGoesToTheHighestPriorityServerAndAQualifiedNameToItsOwn() {
        Path config = config();
        Cli.Result bare = Cli.run("call", config.toString(), "lookup");
        assertThat(bare.exitCode()).as(bare.toString()).isZero();
        assertThat(bare.out()).contains("from primary");

        Cli.Result qualified = Cli.run("call", config.toString(), "backup__lookup");
        assertThat(qualified.exitCode()).as(qualified.toString()).isZero();
        assertThat(qualified.out()).contains("from backup");

        Cli.Result serverAndTool = Cli.run("call", config.toString(), "backup", "lookup");
        assertThat(serverAndTool.out()).contains("from backup");
    }

    @Test
    void toolsShowsWhichServerTheSharedBareNameReaches() {
        Cli.Result r = Cli.run("tools", config().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("backup__lookup +backup +available .*\\[bare 'lookup' -> primary\\]")
                .containsPattern("primary__lookup +primary +available .*\\[bare 'lookup' -> here; also on backup\\]");
    }
}
