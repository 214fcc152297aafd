package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of the configuration file applies {@code gateway.oauth} without a restart: unchanged, the sessions of
 * access tokens stay; changed, they end and tokens are checked by the new settings; and a file that lost both
 * {@code tokens} and {@code oauth} leaves access control in force.
 */
class AppliesOAuthSettingsOnReloadTest {
    @TempDir
    Path dir;
    private AuthorizationServer issuer;
    private RunningFakeServer one;
    private Path file;
    private Switchboard switchboard;
    private Gateway gateway;
    private RawClient mcp;

    @BeforeEach
    void start() throws IOException {
        issuer = new AuthorizationServer(Clock.systemUTC());
        one = FakeMcpServer.builder().name("one").tool(FakeTool.echo("echo")).startHttp();
        file = dir.resolve("switchboard.yaml");
        write("[mcp]");
        switchboard = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file).start();
        gateway = Gateway.start(switchboard, switchboard.config().gateway().toBuilder().port(0).build());
        mcp = new RawClient(gateway.url());
    }

    @AfterEach
    void stop() {
        gateway.close();
        switchboard.close();
        one.close();
        issuer.close();
    }

    @Test
    void unchangedSettingsKeepTheSessionsAndChangedOnesEndThem() throws IOException {
        String token = issuer.token(gateway.url().toString(), "alice", "mcp");
        String session = session(token);

        try (CapturedLogs logs = new CapturedLogs()) {
            write("[mcp]");
            switchboard.reload();
            // The gateway hears of a reload as an event, after reload() returns.
            await().until(() -> logs.lines().stream().anyMatch(l -> l.contains("gateway.tokens.reloaded")));
        }
        assertThat(list(token, session).status()).as("the same settings: the session stays").isEqualTo(200);

        write("[mcp, more]");
        switchboard.reload();
        await().untilAsserted(() -> assertThat(gateway.sessionCount()).as("alice's session ended with the change")
                .isZero());
        assertThat(list(token, session).status()).as("her token lacks the newly required scope").isEqualTo(403);
        assertThat(session(issuer.token(gateway.url().toString(), "alice", "mcp more"))).isNotNull();
    }

    @Test
    void aFileWithoutTokensAndOAuthLeavesAccessControlInForce() throws IOException {
        try (CapturedLogs logs = new CapturedLogs()) {
            Files.writeString(file, "servers:\n  one:\n    url: " + one.url() + "\n");
            switchboard.reload();
            await().until(() -> logs.lines().stream().anyMatch(l -> l.contains("gateway.tokens.kept")));
        }

        assertThat(mcp.post(RawClient.initializeBody("2025-11-25"), Map.of()).status()).isEqualTo(401);
        assertThat(session(issuer.token(gateway.url().toString(), "alice", "mcp"))).isNotNull();
    }

    private String session(String token) {
        RawClient.Answer init = mcp.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token));
        assertThat(init.status()).isEqualTo(200);
        return init.sessionId();
    }

    private RawClient.Answer list(String token, String session) {
        return mcp.post(RawClient.request(2, "tools/list", "{}"), Map.of("Authorization", "Bearer " + token,
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"));
    }

    private void write(String scopes) throws IOException {
        Files.writeString(file, "servers:\n  one:\n    url: " + one.url() + "\ngateway:\n  oauth:\n    issuer: \""
                + issuer.issuer() + "\"\n    scopes_required: " + scopes + "\n");
    }
}
