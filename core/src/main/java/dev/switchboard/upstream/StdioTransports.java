package dev.switchboard.upstream;

import dev.switchboard.config.StdioServer;
import io.modelcontextprotocol.spec.McpClientTransport;

/** Creates the transport that owns a stdio server's process. */
final class StdioTransports {
    private StdioTransports() {
    }

    static McpClientTransport create(StdioServer server) {
        throw new UnsupportedOperationException("stdio transport arrives with the process owner");
    }
}
