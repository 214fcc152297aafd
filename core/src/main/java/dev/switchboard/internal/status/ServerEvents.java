package dev.switchboard.internal.status;

import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardEvent.CatalogPart;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Set;

/** What the connections and their health monitors report to the engine, which turns it into public events. */
public interface ServerEvents {
    /** Does nothing: for connections used on their own (tests, tools). */
    ServerEvents NONE = new ServerEvents() {
    };

    /** A connection changed state; {@code previous} is null for its first state. */
    default void stateChanged(StatusSnapshot status, ServerState previous) {
    }

    /** A server's health verdict changed. */
    default void healthChanged(StatusSnapshot status, HealthState previous) {
    }

    /** What a server offers changed (a new or lost session, a {@code list_changed} notification). */
    default void catalogChanged(String server, Set<CatalogPart> parts) {
    }

    /** A resource a client subscribed to changed on its server. */
    default void resourceUpdated(String server, String uri) {
    }

    /** A server sent a log message. */
    default void serverLogged(String server, McpSchema.LoggingMessageNotification message) {
    }
}
