package dev.switchboard.internal.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A server's Protected Resource Metadata (RFC 9728): which resource it is and which authorization servers issue
 * tokens for it; {@link #NONE} for a 2025-03-26 server, whose own origin is its authorization server.
 *
 * @param resource the {@code resource} identifier, or null
 */
record ResourceMetadata(URI resource, List<URI> authorizationServers, List<String> scopesSupported) {
    static final ResourceMetadata NONE = new ResourceMetadata(null, List.of(), List.of());

    static ResourceMetadata parse(Map<String, Object> json) {
        List<URI> servers = ServerMetadata.strings(json.get("authorization_servers")).stream()
                .map(ServerMetadata::uri).filter(u -> u != null && u.isAbsolute()).toList();
        return new ResourceMetadata(ServerMetadata.uri(json.get("resource")), servers,
                ServerMetadata.strings(json.get("scopes_supported")));
    }
}
