package dev.switchboard.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of discovery: the authorization server metadata URLs in the MCP spec's order, the challenge of a
 * 401 or 403, and the check that the Protected Resource Metadata speaks for this server (RFC 8707).
 */
class FindsMetadataInTheSpecsOrderTest {

    @Test
    void insertsAnIssuersPathBeforeAppendingIt() {
        assertThat(Discovery.metadataUrls(URI.create("https://auth.example.com/tenant1"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant1"),
                URI.create("https://auth.example.com/.well-known/openid-configuration/tenant1"),
                URI.create("https://auth.example.com/tenant1/.well-known/openid-configuration"));
        assertThat(Discovery.metadataUrls(URI.create("https://auth.example.com/"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server"),
                URI.create("https://auth.example.com/.well-known/openid-configuration"));
    }

    @Test
    void readsTheChallengesParameters() {
        Challenge c = Challenge.parse("Bearer error=\"insufficient_scope\", scope=\"mcp:basic mcp:write\","
                + " resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"");

        assertThat(c.insufficientScope()).isTrue();
        assertThat(c.scopes()).containsExactly("mcp:basic", "mcp:write");
        assertThat(c.resourceMetadata()).isEqualTo(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
        assertThat(Challenge.parse("Bearer realm=\"x\"")).isEqualTo(new Challenge(null, List.of(), null));
        assertThat(Challenge.parse("Bearer resource_metadata=\"javascript:alert(1)\"").resourceMetadata())
                .as("only an http(s) URL is followed").isNull();
    }

    @Test
    void acceptsTheServerOrAParentOfItAsTheResource() throws AuthFailure {
        URI server = URI.create("https://MCP.example.com/api/mcp");

        assertThat(Discovery.resourceFor(server, metadata(null))).isEqualTo(URI.create("https://mcp.example.com/api/mcp"));
        assertThat(Discovery.resourceFor(server, metadata("https://mcp.example.com/api/mcp")))
                .isEqualTo(URI.create("https://mcp.example.com/api/mcp"));
        assertThat(Discovery.resourceFor(server, metadata("https://mcp.example.com")))
                .isEqualTo(URI.create("https://mcp.example.com"));
    }

    @Test
    void refusesMetadataThatSpeaksForAnotherResource() {
        URI server = URI.create("https://mcp.example.com/api/mcp");

        for (String other : List.of("https://evil.example.com/api/mcp", "https://mcp.example.com/api/mcp-other",
                "http://mcp.example.com/api/mcp", "https://mcp.example.com:8443/api/mcp")) {
            assertThatThrownBy(() -> Discovery.resourceFor(server, metadata(other))).as(other)
                    .isInstanceOf(AuthFailure.class).hasMessageContaining("Protected Resource Metadata validation"
                            + " failed").hasMessageContaining("does not obtain tokens for another resource");
        }
    }

    private static ResourceMetadata metadata(String resource) {
        return new ResourceMetadata(resource == null ? null : URI.create(resource),
                List.of(URI.create("https://auth.example.com")), List.of());
    }
}
