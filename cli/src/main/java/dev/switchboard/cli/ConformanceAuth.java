package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.AuthorizationHandler;
import dev.switchboard.config.HttpAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The OAuth side of {@code switchboard conformance} for the suite's {@code auth/*} scenarios: the client settings
 * the scenario implies (its credentials come in {@code MCP_CONFORMANCE_CONTEXT}), and an authorization handler that
 * plays the person: the suite's authorization server redirects at once, so following the authorization URL with one
 * GET yields the redirect with the code.
 */
final class ConformanceAuth {
    static final String CONTEXT_VARIABLE = "MCP_CONFORMANCE_CONTEXT";
    /** The Client ID Metadata Document URL the suite's scenarios accept without fetching it. */
    static final URI CLIENT_METADATA_URL = URI.create("https://conformance-test.local/client-metadata.json");
    /** Registered and sent, never listened on: the handler reads the redirect from the Location header. */
    static final URI REDIRECT_URI = URI.create("http://localhost:3000/callback");

    private ConformanceAuth() {
    }

    /** The client settings of an {@code auth/*} scenario, or null for any other scenario. */
    static HttpAuth settings(String scenario, String contextJson) throws IOException {
        if (!scenario.startsWith("auth/")) {
            return null;
        }
        JsonNode context = contextJson == null || contextJson.isBlank() ? new ObjectMapper().createObjectNode()
                : new ObjectMapper().readTree(contextJson);
        String clientId = text(context, "client_id");
        String secret = text(context, "client_secret");
        if (scenario.startsWith("auth/client-credentials")) {
            return HttpAuth.builder(HttpAuth.Type.CLIENT_CREDENTIALS).clientId(clientId).clientSecret(secret)
                    .privateKey(text(context, "private_key_pem"))
                    .signingAlgorithm(text(context, "signing_algorithm")).build();
        }
        return HttpAuth.builder(HttpAuth.Type.OAUTH).clientId(clientId).clientSecret(secret)
                .clientMetadataUrl(CLIENT_METADATA_URL).scopes(List.of()).build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Follows the authorization URL without following its redirect, and returns where it redirects to. */
    static AuthorizationHandler followingRedirect() {
        return new AuthorizationHandler() {
            @Override
            public URI redirectUri(String server) {
                return REDIRECT_URI;
            }

            @Override
            public URI authorize(String server, URI authorizationUrl) throws IOException, InterruptedException {
                try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10)).build()) {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(authorizationUrl).GET()
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    String location = r.headers().firstValue("location").orElseThrow(() -> new IOException(
                            "the authorization endpoint answered HTTP " + r.statusCode() + " without a redirect"));
                    return authorizationUrl.resolve(location);
                }
            }
        };
    }
}
