package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator steers servers through the REST API: a disabled server's calls are 409 (not 503: waiting does not
 * bring it back) until it is enabled again, reconnect starts a server anew, and a reload of a Switchboard that was
 * not started from a file is 409.
 */
class ControlsServersOverRestTest {
    private static final Scenario ALPHA = FakeMcpServer.builder().name("alpha").tool(FakeTool.echo("echo")).build();
    private static final Scenario BETA = FakeMcpServer.builder().name("beta").tool(FakeTool.text("lookup", "found"))
            .build();
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("alpha", ALPHA), Fixture.stdio("beta", BETA)));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aDisabledServersCallsAre409UntilItIsEnabled() {
        RestClient.Answer disabled = rest.post("/api/v1/servers/beta/disable", "");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("state").asText()).isEqualTo("DISABLED");

        RestClient.Answer refused = rest.post("/api/v1/call", "{\"tool\": \"beta__lookup\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(refused.json().path("type").asText()).endsWith(":server-disabled");
        assertThat(refused.json().path("server").asText()).isEqualTo("beta");
        assertThat(refused.json().path("detail").asText()).contains("POST /api/v1/servers/beta/enable");
        assertThat(refused.header("Retry-After")).isNull();

        assertThat(rest.post("/api/v1/servers/beta/enable", "").status()).isEqualTo(200);
        awaitReady("beta");
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"beta__lookup\"}").json().path("result").path("content")
                .get(0).path("text").asText()).isEqualTo("found");
    }

    @Test
    void reconnectStartsTheServerAnew() {
        long before = Fixture.processOf(ALPHA).pid();

        RestClient.Answer a = rest.post("/api/v1/servers/alpha/reconnect", "");

        assertThat(a.status()).isEqualTo(200);
        awaitReady("alpha");
        assertThat(Fixture.processOf(ALPHA).pid()).isNotEqualTo(before);
        assertThat(rest.post("/api/v1/call", "{\"tool\": \"alpha__echo\"}").status()).isEqualTo(200);
    }

    @Test
    void controllingAServerThatDoesNotExistIs404() {
        RestClient.Answer a = rest.post("/api/v1/servers/gamma/disable", "");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("code").asText()).isEqualTo("UNKNOWN_SERVER");
    }

    @Test
    void reloadingWithoutAFileIs409() {
        RestClient.Answer a = rest.post("/api/v1/reload", "");

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.json().path("code").asText()).isEqualTo("CONFIG_INVALID");
        assertThat(a.json().path("type").asText()).endsWith(":nothing-to-reload");
        assertThat(a.json().path("detail").asText()).contains("no file to reload");
    }

    private static void awaitReady(String server) {
        // Waits for the connection to be made, polling its status; no timer of ours decides anything.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(
                rest.get("/api/v1/servers/" + server).json().path("state").asText()));
    }
}
