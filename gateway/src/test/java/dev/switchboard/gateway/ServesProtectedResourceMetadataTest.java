package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Protected Resource Metadata (RFC 9728) is served without a token where the {@code resource_metadata}
 * of a 401 points (the well-known path followed by the MCP endpoint's path) and at the bare well-known path: the
 * resource is the gateway's MCP URL (the audience its tokens need), the authorization server is the configured
 * issuer, and the scopes are the required ones and those the rules name. A gateway without OAuth has none.
 */
class ServesProtectedResourceMetadataTest {
    private static OAuthGuarded guarded;
    private static RawClient raw;

    @BeforeAll
    static void start() {
        guarded = new OAuthGuarded();
        raw = new RawClient(guarded.url());
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    private RawClient.Answer get(String path) {
        return raw.send(HttpRequest.newBuilder(guarded.url().resolve(path)).GET().build());
    }

    @Test
    void theMetadataNamesTheResourceTheIssuerAndTheScopes() {
        RawClient.Answer suffixed = get("/.well-known/oauth-protected-resource/mcp");
        RawClient.Answer bare = get("/.well-known/oauth-protected-resource");

        assertThat(suffixed.status()).isEqualTo(200);
        assertThat(suffixed.contentType()).startsWith("application/json");
        JsonNode doc = suffixed.json();
        assertThat(doc.path("resource").asText()).isEqualTo(guarded.url().toString());
        assertThat(doc.path("authorization_servers")).hasSize(1);
        assertThat(doc.path("authorization_servers").get(0).asText()).isEqualTo(guarded.issuer.issuer());
        assertThat(doc.path("scopes_supported").toString()).isEqualTo("[\"mcp\",\"mcp:admin\",\"search\","
                + "\"mcp:use\"]");
        assertThat(doc.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(doc.path("resource_name").asText()).isEqualTo("switchboard");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.json()).isEqualTo(doc);
    }

    @Test
    void theChallengePointsAtTheMetadata() {
        RawClient.Answer refused = raw.post(RawClient.initializeBody("2025-11-25"), Guarded.bearer(null));
        String header = refused.header("WWW-Authenticate");
        String url = header.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");

        RawClient.Answer metadata = raw.send(HttpRequest.newBuilder(URI.create(url)).GET().build());

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().path("resource").asText()).isEqualTo(guarded.url().toString());
    }

    @Test
    void otherWellKnownPathsAndAGatewayWithoutOAuthHaveNone() {
        assertThat(get("/.well-known/oauth-protected-resource/other").status()).isEqualTo(404);
        try (Guarded plain = Guarded.start()) {
            RawClient.Answer none = new RawClient(plain.url()).send(HttpRequest.newBuilder(plain.url()
                    .resolve("/.well-known/oauth-protected-resource/mcp")).GET().build());
            assertThat(none.status()).isEqualTo(404);
        }
    }
}
