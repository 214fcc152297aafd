package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorInfo;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import dev.switchboard.internal.status.StatusSnapshot;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Set;

/** Hears one connection: every change of its state, and every change of what its server offers. */
public interface UpstreamListener {
    /** Hears nothing. */
    UpstreamListener NONE = s -> { };

    /** The connection's state changed; called on the thread that changed it. */
    void onStatus(StatusSnapshot status);

    /** The server's tools, resources or prompts changed (a new or lost session, a {@code list_changed}). */
    default void onCatalogChanged(Set<CatalogPart> parts) {
    }

    /** The server said something that is not MCP (a line that is not JSON-RPC). */
    default void onProtocolError(ErrorInfo error) {
    }

    /** The server said that a subscribed resource changed. */
    default void onResourceUpdated(String uri) {
    }

    /** The server sent a log message. */
    default void onServerLog(McpSchema.LoggingMessageNotification message) {
    }
}
