package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.TokenHash;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of the configuration file applies its {@code gateway.tokens} without a restart: a removed token is
 * refused at once (its sessions end), an unchanged one keeps its sessions, a new one is let in, a changed one gets
 * its new filters on a new session, a removed token's event stream ends; and a file that lost every token leaves the
 * tokens in force.
 */
class RevokesTokensOnReloadTest {
    private static final TokenHash.NewToken ALICE = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final TokenHash.NewToken OPS = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final TokenHash.NewToken CAROL = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final String CALL_ECHO = "{\"tool\": \"one__echo\", \"arguments\": {\"text\": \"hi\"}}";

    @TempDir
    Path dir;
    private RunningFakeServer one;
    private Path file;
    private Switchboard switchboard;
    private Gateway gateway;
    private RawClient mcp;
    private RestClient rest;

    @BeforeEach
    void start() throws IOException {
        one = FakeMcpServer.builder().name("one").tool(FakeTool.echo("echo"), FakeTool.text("other", "x"))
                .startHttp();
        file = dir.resolve("switchboard.yaml");
        write(token("alice", ALICE, "") + token("ops", OPS, "      control: true\n"));
        switchboard = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file).start();
        gateway = Gateway.start(switchboard, switchboard.config().gateway().toBuilder().port(0).build());
        mcp = new RawClient(gateway.url());
        rest = new RestClient(gateway.url());
    }

    @AfterEach
    void stop() {
        gateway.close();
        switchboard.close();
        one.close();
    }

    @Test
    void aRemovedTokenIsRefusedAtOnceAndTheOthersKeepTheirSessions() throws IOException {
        String alices = session(ALICE);
        String ops = session(OPS);
        assertThat(call(ALICE).status()).isEqualTo(200);

        write(token("ops", OPS, "      control: true\n") + token("carol", CAROL, ""));
        assertThat(reload().status()).isEqualTo(200);

        assertThat(call(ALICE).status()).isEqualTo(401);
        assertThat(list(ALICE, alices).status()).isEqualTo(401);
        assertThat(gatewaySessionCount()).as("alice's session ended").isEqualTo(1);
        assertThat(list(OPS, ops).status()).as("ops' session is kept").isEqualTo(200);
        assertThat(call(CAROL).status()).isEqualTo(200);
    }

    @Test
    void aRemovedTokensEventStreamEndsAndTheOthersHearTheReload() throws Exception {
        try (RestEventStream alices = new RestEventStream(gateway.url(), "/api/v1/events", ALICE.token());
                RestEventStream ops = new RestEventStream(gateway.url(), "/api/v1/events", OPS.token())) {
            alices.next(RestEventStream.kind("open"));
            ops.next(RestEventStream.kind("open"));

            write(token("ops", OPS, "      control: true\n"));
            assertThat(reload().status()).isEqualTo(200);

            assertThat(alices.next(RestEventStream.kind("closed")).path("details").path("reason").asText())
                    .contains("reload");
            alices.next(RestEventStream.kind("end"));
            ops.next(RestEventStream.kind("reload"));
            assertThat(ops.skipped).noneMatch(RestEventStream.kind("closed"));
        }
    }

    @Test
    void aChangedTokenGetsItsNewFiltersOnANewSession() throws IOException {
        String before = session(ALICE);
        assertThat(list(ALICE, before).json().path("result").path("tools")).hasSize(2);

        write(token("alice", ALICE, "      tools: [one__echo]\n") + token("ops", OPS, "      control: true\n"));
        assertThat(reload().status()).isEqualTo(200);

        RawClient.Answer old = list(ALICE, before);
        assertThat(old.status()).as("the session made under the old filters ended").isEqualTo(404);
        String after = session(ALICE);
        assertThat(list(ALICE, after).json().path("result").path("tools")).hasSize(1);
        assertThat(post("/api/v1/call", "{\"tool\": \"one__other\"}", ALICE).status()).isEqualTo(404);
    }

    @Test
    void aFileWithoutTokensLeavesTheTokensInForce() throws IOException {
        write("");
        assertThat(reload().status()).isEqualTo(200);

        assertThat(post("/api/v1/call", CALL_ECHO, null).status()).isEqualTo(401);
        assertThat(call(ALICE).status()).isEqualTo(200);
    }

    private String session(TokenHash.NewToken token) {
        RawClient.Answer init = mcp.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(token.token()));
        assertThat(init.status()).isEqualTo(200);
        return init.sessionId();
    }

    private RawClient.Answer list(TokenHash.NewToken token, String session) {
        Map<String, String> headers = new HashMap<>(Guarded.bearer(token.token()));
        headers.put("Mcp-Session-Id", session);
        headers.put("MCP-Protocol-Version", "2025-11-25");
        return mcp.post(RawClient.request(2, "tools/list", "{}"), headers);
    }

    private RestClient.Answer call(TokenHash.NewToken token) {
        return post("/api/v1/call", CALL_ECHO, token);
    }

    private RestClient.Answer reload() {
        return post("/api/v1/reload", "", OPS);
    }

    /** A POST of the REST API, with the token when there is one (its document needs one too, so unchecked). */
    private RestClient.Answer post(String path, String json, TokenHash.NewToken token) {
        HttpRequest.Builder b = rest.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token.token());
        }
        return rest.sendUnchecked(b.build());
    }

    private int gatewaySessionCount() {
        return Scrape.of(gateway.url()).value("switchboard_gateway_sessions").intValue();
    }

    private static String token(String name, TokenHash.NewToken token, String more) {
        return "    - name: " + name + "\n      hash: \"" + token.hash().encoded() + "\"\n" + more;
    }

    private void write(String tokens) throws IOException {
        Files.writeString(file, "servers:\n  one:\n    url: " + one.url() + "\n"
                + (tokens.isEmpty() ? "" : "gateway:\n  tokens:\n" + tokens));
    }
}
