package dev.switchboard.internal.catalog;

import dev.switchboard.config.ToolFilter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * What the catalog needs to know about one server: who it is, how much it matters, whether it is up, and the tools
 * it listed (its last known ones while it is down).
 *
 * @param order its position in the configuration (breaks priority ties)
 */
record ServerTools(String server, List<String> aliases, int priority, int order, boolean available,
        ToolFilter filter, List<McpSchema.Tool> tools) {

    ServerTools {
        aliases = List.copyOf(aliases);
    }

    /** Same inputs as another snapshot's: the tool list compared by identity, as sessions replace it on change. */
    boolean sameAs(ServerTools other) {
        return other.server.equals(server) && other.available == available && other.tools == tools;
    }
}
