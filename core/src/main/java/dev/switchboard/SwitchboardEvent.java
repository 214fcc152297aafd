package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Something that changed in a running {@link Switchboard}, as a {@link SwitchboardListener} hears it. Events of one
 * server reach a listener in the order they happened.
 */
public sealed interface SwitchboardEvent {

    /** The server concerned, or null when the event concerns the whole Switchboard. */
    String server();

    /** When it happened. */
    Instant at();

    /**
     * A server's connection changed state (connecting, ready, retrying, failed, disabled, closed).
     *
     * @param status the server's status after the change, health and breaker included
     * @param previous the state before, or null for the first state of a connection
     */
    record ServerStateChanged(ServerStatus status, ServerState previous, Instant at) implements SwitchboardEvent {
        public ServerStateChanged {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String server() {
            return status.name();
        }
    }

    /**
     * A server's health verdict changed (a probe failed or came back, a session was lost or became ready).
     *
     * @param status the server's status after the change
     * @param previous the verdict before
     */
    record HealthChanged(ServerStatus status, HealthState previous, Instant at) implements SwitchboardEvent {
        public HealthChanged {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String server() {
            return status.name();
        }
    }

    /**
     * What a server offers changed: its tools, resources or prompts (after a {@code list_changed} notification, a
     * new session, a lost one, or the server being enabled, disabled, added, changed or removed by a reload).
     *
     * @param server the server whose offer changed
     * @param version the catalog version after the change; it grows with every change of any server
     * @param parts what changed
     */
    record CatalogChanged(String server, long version, Set<CatalogPart> parts, Instant at)
            implements SwitchboardEvent {
        public CatalogChanged {
            Objects.requireNonNull(server, "server");
            parts = Set.copyOf(parts);
            Objects.requireNonNull(at, "at");
        }
    }

    /** The parts of a server's offer a {@link CatalogChanged} concerns. */
    enum CatalogPart {
        TOOLS,
        RESOURCES,
        PROMPTS
    }

    /**
     * A server's circuit breaker changed state.
     *
     * @param from the state before
     * @param to the state now
     */
    record BreakerChanged(String server, BreakerState from, BreakerState to, Instant at) implements SwitchboardEvent {
        public BreakerChanged {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A tool call ended, one way or another. A call made with a user's credentials ({@code
     * CallOptions.withCredentials}) publishes none: it is that user's business, not every listener's.
     *
     * @param tool the tool's own name on its server
     * @param duration from the call's start to its end, retries included
     * @param error null when the call returned a result; {@link ErrorCode#TOOL_ERROR} when the result says
     *     {@code isError}; else the code of the failure
     * @param attempts how many times it was sent (or tried)
     */
    record CallFinished(String server, String tool, Duration duration, ErrorCode error, int attempts, Instant at)
            implements SwitchboardEvent {
        public CallFinished {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(at, "at");
        }

        /** Whether the call returned a result that is not an error. */
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * A new configuration was applied ({@link Switchboard#reload}, or the watched file changed).
     *
     * @param result which servers were added, removed, changed and left as they were
     */
    record ConfigReloaded(ReloadResult result, Instant at) implements SwitchboardEvent {
        public ConfigReloaded {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String server() {
            return null;
        }
    }

    /**
     * A server said that a resource changed ({@code notifications/resources/updated}) to which a client of
     * Switchboard subscribed with {@link ServerSession#subscribe}.
     *
     * @param uri the resource, as the server names it
     */
    record ResourceUpdated(String server, String uri, Instant at) implements SwitchboardEvent {
        public ResourceUpdated {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A server sent a log message ({@code notifications/message}), at or above the level set with
     * {@link ServerSession#setLogLevel} when one was set. Its data is as the server sent it (it is the server's to
     * mask; Switchboard's own logs of it are masked).
     */
    record ServerLogged(String server, McpSchema.LoggingMessageNotification message, Instant at)
            implements SwitchboardEvent {
        public ServerLogged {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
        }
    }
}
