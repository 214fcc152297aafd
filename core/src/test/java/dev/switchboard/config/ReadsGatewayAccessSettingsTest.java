package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway.tokens}, {@code rate_limit}, {@code insecure}, {@code tls} and the per-request bounds: read like every
 * other key, every problem at its key, and the hashes and the TLS password kept out of every message.
 */
class ReadsGatewayAccessSettingsTest {
    private static final String SERVERS = "servers: {github: {command: x}, docs: {command: y}}\n";
    private static final TokenHash.NewToken CI = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
    private static final TokenHash.NewToken OPS = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

    @TempDir
    Path dir;

    @Test
    void readsTokensLimitsAndBounds() {
        SwitchboardConfig c = Configs.yaml("""
                gateway:
                  listen: 0.0.0.0:7700
                  tokens:
                    - name: ci-bot
                      hash: "%s"
                      servers: [github]
                      tools: [get_*, github__search]
                      rate_limit: {calls: 60, per: 1m}
                    - {name: ops, hash: "%s", control: true}
                  rate_limit: {calls: 1000, per: 1s}
                  max_json_depth: 32
                  max_batch: 20
                  max_sessions_per_token: 5
                """.formatted(CI.hash().encoded(), OPS.hash().encoded()) + SERVERS);

        GatewaySettings g = c.gateway();
        assertThat(g.tokens()).containsExactly(
                GatewayToken.builder("ci-bot", CI.hash()).servers(List.of("github"))
                        .tools(List.of("get_*", "github__search")).rateLimit(RateLimit.of(60, Duration.ofMinutes(1)))
                        .build(),
                GatewayToken.builder("ops", OPS.hash()).control(true).build());
        assertThat(g.rateLimit()).isEqualTo(RateLimit.of(1000, Duration.ofSeconds(1)));
        assertThat(g.maxJsonDepth()).isEqualTo(32);
        assertThat(g.maxBatch()).isEqualTo(20);
        assertThat(g.maxSessionsPerToken()).isEqualTo(5);
        assertThat(g.host()).isEqualTo("0.0.0.0");
        assertThat(g.unsafeListen()).isNull(); // tokens make it safe to listen beyond loopback
        assertThat(GatewaySettings.DEFAULT.maxJsonDepth()).isEqualTo(64);
        assertThat(GatewaySettings.DEFAULT.maxBatch()).isEqualTo(100);
        assertThat(GatewaySettings.DEFAULT.maxSessionsPerToken()).isEqualTo(100);
        // Hashes made for tests have fewer iterations than token create's: said, not refused.
        assertThat(c.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("iterations, fewer than the"
                + " 600000 of switchboard token create"));
    }

    @Test
    void aTokenSeesTheServersAndToolsItsFiltersName() {
        GatewayToken t = GatewayToken.builder("ci", CI.hash()).servers(List.of("github"))
                .tools(List.of("get_*", "github__search")).build();

        assertThat(t.allowsServer("github")).isTrue();
        assertThat(t.allowsServer("docs")).isFalse();
        assertThat(t.allowsTool("github", "get_issue", "__")).isTrue();
        assertThat(t.allowsTool("github", "search", "__")).isTrue(); // by its qualified name
        assertThat(t.allowsTool("github", "delete_repo", "__")).isFalse();
        assertThat(t.allowsTool("docs", "get_page", "__")).isFalse(); // its server is hidden
        assertThat(GatewayToken.builder("all", OPS.hash()).build().allowsTool("docs", "anything", "__")).isTrue();
    }

    @Test
    void reportsEveryProblemOfTheTokensAtItsKey() {
        assertThat(Configs.problems("""
                gateway:
                  tokens:
                    - {name: "ci bot", hash: "%s", servers: [gihub], tools: [""], control: maybe, colour: red}
                    - {name: ci, hash: "sha256:abc"}
                    - {name: raw, hash: "%s"}
                    - {name: again, hash: "%s"}
                    - {hash: "%s", rate_limit: {calls: 0}}
                    - just-a-name
                """.formatted(CI.hash().encoded(), CI.token(), CI.hash().encoded(), OPS.hash().encoded())
                + SERVERS)).containsExactly(
                "gateway.tokens[0].colour: unknown key (expected one of: name, hash, servers, tools, control,"
                        + " rate_limit)",
                "gateway.tokens[0].name: \"ci bot\" is not a token name (expected: letters, digits, '.', '_' or"
                        + " '-', at most 64 characters, e.g. ci-bot)",
                "gateway.tokens[0].tools[0]: is blank (expected: a tool name or a glob with * and ?, e.g."
                        + " github__get_*)",
                "gateway.tokens[0].control: \"maybe\" is not a boolean (expected: true or false)",
                "gateway.tokens[1].hash: is not a token hash (expected: pbkdf2-sha256$<iterations>$<salt>$<hash>,"
                        + " as printed by switchboard token create)",
                "gateway.tokens[2].hash: is a token, not its hash (expected: the hash line of switchboard token"
                        + " create; keep the token out of the configuration, and since this one is now written down,"
                        + " make a new one)",
                "gateway.tokens[4].name: is missing (expected: letters, digits, '.', '_' or '-', at most 64"
                        + " characters, e.g. ci-bot)",
                "gateway.tokens[4].rate_limit.calls: 0 is out of range (expected: a whole number of tool calls, 1 or"
                        + " more)",
                "gateway.tokens[4].rate_limit.per: is missing (expected: a map with calls and per, e.g. {calls: 60,"
                        + " per: 1m})",
                "gateway.tokens[5]: is a string (expected: a map with name, hash, servers, tools, control,"
                        + " rate_limit)");
        assertThat(Configs.problems("gateway: {tokens: [{name: a, hash: \"" + CI.hash().encoded() + "\"}, {name: b,"
                + " hash: \"" + CI.hash().encoded() + "\"}]}\n" + SERVERS)).containsExactly("gateway.tokens[1].hash: is"
                + " the hash of another token (expected: a token of its own for each, from switchboard token"
                + " create)");
        assertThat(Configs.problems("gateway: {tokens: [{name: a, hash: \"" + CI.hash().encoded()
                + "\", servers: [gihub]}]}\n" + SERVERS)).containsExactly("gateway.tokens[0].servers[0]: no server"
                + " is named \"gihub\" (did you mean github? expected one of: github, docs)");
        assertThat(Configs.problems("gateway: {tokens: {name: a}}\n" + SERVERS)).containsExactly("gateway.tokens:"
                + " is a map (expected: a list of {name, hash, servers, tools, control, rate_limit}, e.g. [{name:"
                + " ci-bot, hash: \"pbkdf2-sha256$...\"}])");
    }

    @Test
    void reportsImpossibleLimitsAndBounds() {
        assertThat(Configs.problems("""
                gateway:
                  rate_limit: {calls: lots, per: 10, burst: 3}
                  insecure: perhaps
                  max_json_depth: 2000
                  max_batch: 0
                  max_sessions_per_token: -1
                """ + SERVERS)).containsExactly(
                "gateway.rate_limit.burst: unknown key (expected one of: calls, per)",
                "gateway.rate_limit.calls: \"lots\" is not a whole number (expected: a whole number of tool calls, 1"
                        + " or more)",
                "gateway.rate_limit.per: 10 has no unit (expected: a duration like 500ms, 30s, 5m)",
                "gateway.insecure: \"perhaps\" is not a boolean (expected: true or false)",
                "gateway.max_json_depth: 2000 is out of range (expected: a whole number of levels from 8 to 1000)",
                "gateway.max_batch: 0 is out of range (expected: a whole number of calls from 1 to 100000)",
                "gateway.max_sessions_per_token: -1 is out of range (expected: a whole number of sessions, 1 or"
                        + " more)");
    }

    @Test
    void readsTlsFromPemOrPkcs12AndNeverShowsThePassword() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        Path p12 = Files.write(dir.resolve("gw.p12"), new byte[] {1});

        GatewaySettings pem = Configs.yaml("gateway: {tls: {cert: " + cert + ", key: " + key + "}}\n" + SERVERS)
                .gateway();
        assertThat(pem.tls()).isEqualTo(GatewayTls.pem(cert, key, null));
        SwitchboardConfig c = Configs.yaml("gateway: {tls: {pkcs12: " + p12 + ", password: \"${TLS_PASSWORD}\"},"
                + " tokens: [{name: a, hash: \"" + CI.hash().encoded() + "\"}]}\n" + SERVERS,
                Map.of("TLS_PASSWORD", "store-pass-123"));
        assertThat(c.gateway().tls()).isEqualTo(GatewayTls.pkcs12(p12, "store-pass-123"));
        assertThat(c.toString()).doesNotContain("store-pass-123", CI.hash().encoded(), CI.token());
        assertThat(c.allSecrets().contains("store-pass-123")).isTrue();
        assertThat(c.allSecrets().mask("hash " + CI.hash().encoded())).isEqualTo("hash " + Secrets.MASK);

        assertThat(Configs.problems("gateway: {tls: {pkcs12: " + dir.resolve("missing.p12") + ", password: pw}}\n"
                + SERVERS))
                .containsExactly("gateway.tls.pkcs12: \"" + dir.resolve("missing.p12") + "\" is not a readable file"
                        + " (expected: the path of a PKCS#12 file, absolute or relative to the working directory)");
        assertThat(Configs.problems("gateway: {tls: {pkcs12: " + p12 + "}}\n" + SERVERS)).containsExactly(
                "gateway.tls.password: is missing (expected: the PKCS#12 file's password, e.g. ${TLS_PASSWORD})");
        assertThat(Configs.problems("gateway: {tls: {cert: " + cert + "}}\n" + SERVERS)).containsExactly(
                "gateway.tls.key: is missing (expected: both cert, the PEM certificate chain, and key, its PEM"
                        + " private key)");
        assertThat(Configs.problems("gateway: {tls: {cert: " + cert + ", key: " + key + ", pkcs12: " + p12
                + "}}\n" + SERVERS)).containsExactly("gateway.tls.pkcs12: is given with cert/key (expected: either"
                + " cert and key, PEM files, or pkcs12, one file)");
    }
}
