package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ServerOptions;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the call layer needs of a connection to one server, and nothing more: {@link Upstream} is the real one;
 * tests of breakers, bulkheads, retries and deadlines use a fake one on a fake clock, so they run without a server
 * and without waiting for real time.
 *
 * <p>What an implementation promises (the call layer's logic relies on exactly this):
 * <ul>
 * <li>{@link #callTool} records on the handle which session it ran on ({@link CallHandle#session()}) and whether
 * the request went out ({@link CallHandle#wasSent()}); a request abandoned before it went out is never sent.
 * <li>It waits for the answer until the handle's deadline (then TIMEOUT), the handle's cancellation (then the
 * cancellation's reason) or an interrupt (then CANCELLED); a request it gives up on after sending is cancelled on
 * the server. Progress reports for the request go to the handle, which may move its deadline.
 * <li>A tool's own error ({@code isError}) is a result, not an exception.
 * </ul>
 */
public interface ToolSession {
    /** The server's configured name. */
    String name();

    /** The server's configuration, for what a trace says about it; null when there is none to tell. */
    default dev.switchboard.config.ServerConfig config() {
        return null;
    }

    /** The server's options: timeouts and call policy. */
    ServerOptions options();

    /** The tools of the current session (with their annotations); empty when not connected. */
    List<McpSchema.Tool> tools();

    /**
     * Calls a tool on the current session and waits for its result (see the class comment for what it promises).
     *
     * @throws SwitchboardException SERVER_UNAVAILABLE (not sent) when there is no session, SHUTTING_DOWN once
     *     closed, TIMEOUT, CANCELLED, or how the request failed
     */
    McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments, CallHandle handle);

    /**
     * Waits until a session newer than number {@code after} is ready, at most {@code max}; returns at once when the
     * server failed for good, is disabled or closed. True when such a session is ready.
     */
    boolean awaitSessionAfter(long after, Duration max) throws InterruptedException;

    /** The connection's state now. */
    ServerState state();

    /** Why the server last failed to connect or lost its session, or null: what a caller told "not ready" needs. */
    ErrorInfo lastError();
}
