package dev.switchboard;

/**
 * A stable classification of every failure Switchboard reports.
 *
 * <p>The names never change: the CLI, logs, metrics and the gateway use them as identifiers. Each code says whether
 * trying again may help ({@link #retryable()}) and whether the request is known not to have reached the server
 * ({@link #certainlyNotSent()}), which makes a retry safe even for a tool with side effects.
 */
public enum ErrorCode {
    /** The configuration is invalid; nothing was started. */
    CONFIG_INVALID(false, true),
    /** The server could not be reached (connection refused, DNS failure, network down, HTTP 5xx). */
    UNREACHABLE(true, true),
    /** The server did not answer in time. */
    TIMEOUT(true, false),
    /** The server refused the credentials (HTTP 401 or 403). */
    AUTH_FAILED(false, true),
    /** The endpoint does not speak a compatible MCP: no common protocol version, or not MCP at all. */
    PROTOCOL_MISMATCH(false, true),
    /** The server process could not be started (command not found, not executable, bad working directory). */
    PROCESS_START_FAILED(false, true),
    /** The server process exited. */
    PROCESS_EXITED(true, false),
    /** The server forgot the session; it must be initialised again. */
    SESSION_EXPIRED(true, true),
    /** The server is known but not connected right now. */
    SERVER_UNAVAILABLE(true, true),
    /** The server's circuit breaker is open; the call was not sent. */
    CIRCUIT_OPEN(true, true),
    /** Too many calls in flight; the call was not sent. */
    OVERLOADED(true, true),
    /** No server has that name or alias. */
    UNKNOWN_SERVER(false, true),
    /** No tool has that name. */
    UNKNOWN_TOOL(false, true),
    /** The name matches tools of several servers with nothing to choose between them. */
    AMBIGUOUS_TOOL(false, true),
    /** The arguments do not fit the tool's input schema. */
    INVALID_ARGUMENTS(false, true),
    /** The tool ran and reported an error ({@code isError: true}). */
    TOOL_ERROR(false, false),
    /** The server answered with a JSON-RPC error. */
    RPC_ERROR(false, false),
    /** The caller cancelled the operation. */
    CANCELLED(false, false),
    /** Switchboard is closing and takes no new work. */
    SHUTTING_DOWN(false, true),
    /** A bug in Switchboard or a failure nothing else describes. */
    INTERNAL(false, false),
    /** No server offers a resource with that URI. */
    UNKNOWN_RESOURCE(false, true),
    /** No server offers a prompt with that name. */
    UNKNOWN_PROMPT(false, true),
    /** A resource URI or prompt name is offered by several servers; qualify it with the server's name. */
    AMBIGUOUS_RESOURCE(false, true);

    private final boolean retryable;
    private final boolean certainlyNotSent;

    ErrorCode(boolean retryable, boolean certainlyNotSent) {
        this.retryable = retryable;
        this.certainlyNotSent = certainlyNotSent;
    }

    /** Whether the same operation may succeed if tried again later. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the request is known not to have reached the server, so that repeating it cannot run it twice. */
    public boolean certainlyNotSent() {
        return certainlyNotSent;
    }
}
