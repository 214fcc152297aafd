package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.oauth}: read like every other key, with defaults for what may be left out, every problem reported at
 * its key; OAuth alone is access control enough to listen beyond loopback, but there the resource URL must be given.
 */
class ReadsGatewayOAuthSettingsTest {
    private static final String SERVERS = "servers: {github: {command: x}, docs: {command: y}}\n";

    @Test
    void readsEveryKey() {
        SwitchboardConfig c = Configs.yaml("""
                gateway:
                  listen: 0.0.0.0:7700
                  oauth:
                    issuer: https://auth.example.com/realms/acme
                    resource: https://mcp.example.com/mcp
                    audience: switchboard-gateway
                    jwks_uri: https://auth.example.com/realms/acme/certs
                    scopes_required: [mcp]
                    clock_skew: 10s
                    identity_claim: email
                    rules:
                      - {name: admins, scope: "mcp:admin", control: true}
                      - name: github-team
                        claims: {groups: github}
                        servers: [github]
                        tools: [github__search]
                        rate_limit: {calls: 60, per: 1m}
                """ + SERVERS);

        GatewayOAuth o = c.gateway().oauth();
        assertThat(o).isEqualTo(GatewayOAuth.builder("https://auth.example.com/realms/acme")
                .resource(URI.create("https://mcp.example.com/mcp")).audience("switchboard-gateway")
                .jwksUri(URI.create("https://auth.example.com/realms/acme/certs")).scopesRequired(List.of("mcp"))
                .clockSkew(Duration.ofSeconds(10)).identityClaim("email").rules(List.of(
                        GatewayOAuth.Rule.builder("admins").scope("mcp:admin").control(true).build(),
                        GatewayOAuth.Rule.builder("github-team").claims(Map.of("groups", "github"))
                                .servers(List.of("github")).tools(List.of("github__search"))
                                .rateLimit(RateLimit.of(60, Duration.ofMinutes(1))).build())).build());
        assertThat(c.gateway().accessControlled()).isTrue();
        assertThat(c.gateway().unsafeListen()).as("OAuth makes it safe to listen beyond loopback").isNull();
        assertThat(o.scopesSupported()).containsExactly("mcp", "mcp:admin");
    }

    @Test
    void onLoopbackOnlyTheIssuerIsNeeded() {
        GatewayOAuth o = Configs.yaml("gateway: {oauth: {issuer: \"http://127.0.0.1:9000\"}}\n" + SERVERS).gateway()
                .oauth();

        assertThat(o.resource()).isNull();
        assertThat(o.audience()).isNull();
        assertThat(o.jwksUri()).isNull();
        assertThat(o.scopesRequired()).isEmpty();
        assertThat(o.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.identityClaim()).isEqualTo("sub");
        assertThat(o.rules()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtItsKey() {
        assertThat(Configs.problems("""
                gateway:
                  oauth:
                    resource: http://mcp.example.com/mcp
                    jwks_uri: ftp://auth.example.com/keys
                    scopes_required: ["two words"]
                    clock_skew: 1h
                    colour: blue
                    rules:
                      - {name: readers, scope: "mcp:read"}
                      - {name: readers}
                      - {scope: x, cotnrol: true}
                """ + SERVERS)).containsExactlyInAnyOrder(
                "gateway.oauth.colour: unknown key (expected one of: issuer, resource, audience, jwks_uri,"
                        + " scopes_required, clock_skew, identity_claim, rules)",
                "gateway.oauth.issuer: is missing (expected: the authorization server's issuer URL, exactly as its"
                        + " tokens carry it in iss, e.g. https://auth.example.com)",
                "gateway.oauth.resource: \"http://mcp.example.com/mcp\" is plain http beyond this machine (expected:"
                        + " an https:// URL; http:// only on loopback, e.g. in tests)",
                "gateway.oauth.jwks_uri: ftp://auth.example.com/keys is not an http(s) URL (expected: an http://"
                        + " or https:// URL, e.g. https://host/mcp)",
                "gateway.oauth.scopes_required[0]: \"two words\" is not a scope (expected: a scope name without"
                        + " spaces, e.g. mcp:tools)",
                "gateway.oauth.clock_skew: \"1h\" is out of range (expected: 0s to 5m, e.g. 30s)",
                "gateway.oauth.rules[2].cotnrol: unknown key (did you mean control?)",
                "gateway.oauth.rules[1].name: \"readers\" is the name of another rule (expected: unique names, which"
                        + " logs show)",
                "gateway.oauth.rules[2].name: is missing (expected: letters, digits, '.', '_' or '-', at most 64"
                        + " characters, e.g. readers)");
    }

    @Test
    void aRuleMayOnlyNameServersThatExist() {
        assertThat(Configs.problems("gateway: {oauth: {issuer: \"http://127.0.0.1:9000\", rules: [{name: r,"
                + " servers: [gihub]}]}}\n" + SERVERS)).containsExactly("gateway.oauth.rules[0].servers[0]: no server"
                + " is named \"gihub\" (did you mean github? expected one of: github, docs)");
    }

    @Test
    void beyondLoopbackTheResourceMustBeGiven() {
        assertThat(Configs.problems("gateway: {listen: 0.0.0.0:7700, oauth: {issuer: https://auth.example.com}}\n"
                + SERVERS)).containsExactly("gateway.oauth.resource: is missing, and the gateway listens beyond"
                + " loopback, where its address is rarely the one clients use (expected: the URL of the gateway's MCP"
                + " endpoint as clients reach it, e.g. https://mcp.example.com/mcp; tokens must be issued for it)");
    }

    @Test
    void aRuleMatchesItsScopeAndEachClaimOrOneOfItsValues() {
        GatewayOAuth.Rule rule = GatewayOAuth.Rule.builder("r").scope("mcp:read").claims(Map.of("groups", "ops",
                "tenant", "acme")).build();

        assertThat(rule.matches(Set.of("mcp:read"), Map.of("groups", List.of("dev", "ops"), "tenant", "acme")))
                .isTrue();
        assertThat(rule.matches(Set.of("mcp:read"), Map.of("groups", "ops", "tenant", "acme"))).isTrue();
        assertThat(rule.matches(Set.of("mcp"), Map.of("groups", "ops", "tenant", "acme"))).isFalse();
        assertThat(rule.matches(Set.of("mcp:read"), Map.of("groups", List.of("dev"), "tenant", "acme"))).isFalse();
        assertThat(rule.matches(Set.of("mcp:read"), Map.of("groups", "ops"))).isFalse();
    }
}
