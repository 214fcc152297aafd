package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code auth:} of an HTTP server: oauth (shorthand or map) and client_credentials, with every mistake reported. */
class ReadsServerAuthTest {

    @Test
    void readsTheShorthandAndTheFullOauthSettings() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  plain: {url: "https://mcp.example.com/mcp", auth: oauth}
                  github:
                    url: https://api.example.com/mcp
                    auth:
                      type: oauth
                      client_id: my-app
                      client_secret: ${GH_SECRET}
                      scopes: [repo, read:org]
                      client_metadata_url: https://app.example.com/client.json
                """, Map.of("GH_SECRET", "s3cr3t-value-42"));

        assertThat(Configs.http(c, "plain").auth()).isEqualTo(HttpAuth.oauth());
        HttpAuth auth = Configs.http(c, "github").auth();
        assertThat(auth.type()).isEqualTo(HttpAuth.Type.OAUTH);
        assertThat(auth.clientId()).isEqualTo("my-app");
        assertThat(auth.clientSecret()).isEqualTo("s3cr3t-value-42");
        assertThat(auth.scopes()).containsExactly("repo", "read:org");
        assertThat(auth.clientMetadataUrl()).isEqualTo(URI.create("https://app.example.com/client.json"));
    }

    @Test
    void readsClientCredentialsWithASecretOrAKey() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: {url: "https://a.example.com/mcp", auth: {type: client_credentials, client_id: svc,
                      client_secret: "${A_SECRET}"}}
                  b: {url: "https://b.example.com/mcp", auth: {type: client_credentials, client_id: svc,
                      private_key: "${B_KEY}", signing_algorithm: ES256}}
                """, Map.of("A_SECRET", "cc-secret-value", "B_KEY", pem));

        assertThat(Configs.http(c, "a").auth().clientSecret()).isEqualTo("cc-secret-value");
        assertThat(Configs.http(c, "b").auth().privateKey()).isEqualTo(pem);
        assertThat(Configs.http(c, "b").auth().signingAlgorithm()).isEqualTo("ES256");
    }

    @Test
    void reportsEveryMistakeWithWhatWasExpected() {
        assertThat(Configs.problems("""
                servers:
                  a: {url: "https://a.example.com/mcp", auth: oath}
                  b: {url: "https://b.example.com/mcp", auth: {client_id: x}}
                  c: {url: "https://c.example.com/mcp", auth: {type: client_credentials, client_id: svc}}
                  d: {url: "https://d.example.com/mcp", auth: {type: oauth, client_metadata_url: "http://x.example"}}
                  e: {url: "https://e.example.com/sse", transport: sse, auth: oauth}
                  f: {command: x, auth: oauth}
                  g: {url: "https://g.example.com/mcp", auth: {type: oauth, scope: [a]}}
                  h: {url: "https://h.example.com/mcp", auth: oauth, headers: {Authorization: "Bearer abcd"}}
                  i: {url: "https://i.example.com/mcp", auth: oauth, health: {probe: http-get, path: /health}}
                """)).containsExactlyInAnyOrder(
                "servers.a.auth: \"oath\" is not an auth type (did you mean oauth? expected: oauth or"
                        + " client_credentials)",
                "servers.b.auth.type: missing (expected: oauth or client_credentials)",
                "servers.c.auth: neither client_secret nor private_key (expected: exactly one of client_secret or"
                        + " private_key for client_credentials)",
                "servers.d.auth.client_metadata_url: \"http://x.example\" is not an https URL (expected: the https"
                        + " URL of a Client ID Metadata Document)",
                "servers.e.auth: is for Streamable HTTP servers, but this one is sse (expected: transport:"
                        + " streamable-http, or a static Authorization header)",
                "servers.f.auth: is for HTTP servers (expected: env with the credentials a stdio server reads)",
                "servers.g.auth.scope: unknown key (did you mean scopes?)",
                "servers.h.headers.Authorization: is set with auth (expected: one of them; auth sends the token)",
                "servers.i.health.probe: http-get sends no OAuth token, so a server with auth: would fail every probe"
                        + " (expected: ping or list-tools, which go through the authorized session)");
    }

    @Test
    void neverShowsTheClientSecretOrKeyAndMasksThem() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: {url: "https://a.example.com/mcp", auth: {type: oauth, client_id: app,
                      client_secret: "${A_SECRET}"}}
                """, Map.of("A_SECRET", "very-secret-client-value"));
        HttpServer a = Configs.http(c, "a");

        assertThat(a.toString()).contains("clientId=app").doesNotContain("very-secret-client-value");
        assertThat(c.allSecrets().mask("sent very-secret-client-value")).isEqualTo("sent " + Secrets.MASK);
        assertThat(HttpAuth.builder(HttpAuth.Type.CLIENT_CREDENTIALS).clientId("svc").privateKey("PEM-KEY-BODY")
                .scopes(List.of()).build().toString()).doesNotContain("PEM-KEY-BODY");
    }
}
