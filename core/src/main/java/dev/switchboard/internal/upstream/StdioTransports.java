package dev.switchboard.internal.upstream;

import dev.switchboard.config.StdioServer;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.spec.McpClientTransport;

/** Creates the transport that owns a stdio server's process, started so that a bad command fails here. */
final class StdioTransports {
    private StdioTransports() {
    }

    static McpClientTransport create(StdioServer server, Masker masker, LogGate gate) {
        var transport = new StdioProcessTransport(server, masker, gate);
        transport.start();
        return transport;
    }
}
