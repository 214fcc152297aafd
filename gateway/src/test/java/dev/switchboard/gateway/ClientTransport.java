package dev.switchboard.gateway;

import java.net.URI;

/** The two transports by which an MCP client reaches the gateway, for tests that prove a behaviour on both. */
enum ClientTransport {
    /** MCP Streamable HTTP at {@code /mcp}. */
    STREAMABLE_HTTP,
    /** The legacy HTTP+SSE transport at {@code /sse} + {@code /message}. */
    LEGACY_SSE;

    /** The gateway's endpoint for this transport (a node script's connect() picks its SDK transport by it). */
    URI of(Gateway gateway) {
        return this == STREAMABLE_HTTP ? gateway.url() : gateway.sseUrl();
    }
}
