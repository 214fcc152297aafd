package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * The MCP session Switchboard keeps with one server, for what an MCP client in front of Switchboard (a gateway)
 * forwards to it: completions, resource subscriptions and the server's log level. Subscriptions and the log level
 * last across the server's restarts and reconnections: every new session is given them again. Obtained with
 * {@link Switchboard#session(String)}; resource updates and log messages arrive as events
 * ({@link SwitchboardEvent.ResourceUpdated}, {@link SwitchboardEvent.ServerLogged}).
 */
public interface ServerSession {
    /** The server's configured name. */
    String server();

    /** What the server's current session declared it can do, or null while it is not connected. */
    McpSchema.ServerCapabilities capabilities();

    /**
     * Asks the server to complete an argument of a prompt or resource template ({@code completion/complete}).
     *
     * @throws SwitchboardException SERVER_UNAVAILABLE when not connected, or how the server refused
     */
    McpSchema.CompleteResult complete(McpSchema.CompleteRequest request);

    /**
     * Subscribes to a resource's updates, now if connected and on every later session, until {@link #unsubscribe}.
     *
     * @throws SwitchboardException how the server refused it (then the subscription is not kept)
     */
    void subscribe(String uri);

    /** Ends a subscription; the server is told if connected. Unknown URIs are ignored. */
    void unsubscribe(String uri);

    /** Sets the level of the log messages the server sends, now if connected and on every later session. */
    void setLogLevel(McpSchema.LoggingLevel level);
}
