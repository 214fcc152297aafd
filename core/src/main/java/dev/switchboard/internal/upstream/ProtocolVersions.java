package dev.switchboard.internal.upstream;

import static io.modelcontextprotocol.spec.ProtocolVersions.MCP_2024_11_05;
import static io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_03_26;
import static io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_06_18;
import static io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_11_25;

import java.util.List;

/** The MCP protocol versions Switchboard can speak, oldest first (those of the SDK it is built on). */
final class ProtocolVersions {
    static final List<String> SUPPORTED = List.of(MCP_2024_11_05, MCP_2025_03_26, MCP_2025_06_18, MCP_2025_11_25);

    private ProtocolVersions() {
    }

    static String supportedText() {
        return String.join(", ", SUPPORTED);
    }
}
