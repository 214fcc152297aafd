package dev.switchboard.internal.observe;

/**
 * The names of every log event the library writes, in one place. A log line's message is its event's stable name
 * ({@code upstream.ready}) and everything else is a key-value field ({@code server}, {@code error_code},
 * {@code duration_ms}, ...), so JSON logs can be queried and console logs read alike; names never change once
 * released. Events are emitted through the {@link LogGate} of the instance they belong to.
 */
public final class LogEvents {
    public static final String AUTH_AUTHORIZED = "auth.authorized";
    public static final String AUTH_DISCOVERED = "auth.discovered";
    public static final String AUTH_FAILED = "auth.failed";
    public static final String AUTH_REFRESHED = "auth.refreshed";
    public static final String AUTH_REGISTERED = "auth.registered";
    public static final String AUTH_STORE_UNREADABLE = "auth.store_unreadable";

    public static final String CALL_BREAKER = "call.breaker";
    public static final String CALL_CANCEL_NOT_SENT = "call.cancel_not_sent";
    public static final String CALL_DONE = "call.done";
    public static final String CALL_FAILED = "call.failed";
    public static final String CALL_PROGRESS_CALLBACK_FAILED = "call.progress_callback_failed";
    public static final String CALL_PROGRESS_LISTENER_FAILED = "call.progress_listener_failed";
    public static final String CALL_RELEASE_FAILED = "call.release_failed";
    public static final String CALL_RETRY = "call.retry";

    public static final String CATALOG_CONFLICT = "catalog.conflict";
    public static final String CATALOG_RENAMED = "catalog.renamed";
    public static final String CATALOG_SCHEMA_UNUSABLE = "catalog.schema_unusable";

    public static final String CONFIG_RELOAD_FAILED = "config.reload_failed";
    public static final String CONFIG_WATCH_CLOSE_FAILED = "config.watch_close_failed";
    public static final String CONFIG_WATCH_FAILED = "config.watch_failed";

    public static final String GATHER_DONE = "gather.done";
    public static final String GATHER_FAILED = "gather.failed";
    public static final String GATHER_SERVER_DONE = "gather.server.done";
    public static final String GATHER_SERVER_FAILED = "gather.server.failed";
    public static final String GATHER_START = "gather.start";

    public static final String HEALTH_CHANGED = "health.changed";
    public static final String HEALTH_PROBE_CRASHED = "health.probe_crashed";
    public static final String HEALTH_PROBE_STUCK = "health.probe_stuck";

    public static final String LISTENER_DROPPED = "listener.dropped";
    public static final String LISTENER_FAILED = "listener.failed";

    public static final String LISTING_SERVER_FAILED = "listing.server_failed";

    public static final String RESOLVE_CONFLICT = "resolve.conflict";
    public static final String RESOLVE_DONE = "resolve.done";
    public static final String RESOLVE_NO_MATCH = "resolve.no_match";

    public static final String SERVER_ELICITATION_DECLINED = "server.elicitation_declined";
    public static final String SERVER_REQUEST_FAILED = "server.request_failed";

    public static final String SWITCHBOARD_CLOSED = "switchboard.closed";
    public static final String SWITCHBOARD_DRAIN_TIMEOUT = "switchboard.drain_timeout";
    public static final String SWITCHBOARD_DRAINING = "switchboard.draining";
    public static final String SWITCHBOARD_RELOADED = "switchboard.reloaded";
    public static final String SWITCHBOARD_SHUTTING_DOWN = "switchboard.shutting_down";
    public static final String SWITCHBOARD_STARTED = "switchboard.started";
    public static final String SWITCHBOARD_STARTING = "switchboard.starting";

    public static final String USER_SESSION_CLOSED = "user_session.closed";
    public static final String USER_SESSION_OPENED = "user_session.opened";
    public static final String USER_SESSION_REFUSED = "user_session.refused";

    public static final String UPSTREAM_CLOSE_TIMEOUT = "upstream.close_timeout";
    public static final String UPSTREAM_CLOSED = "upstream.closed";
    public static final String UPSTREAM_CONNECTING = "upstream.connecting";
    public static final String UPSTREAM_DELIVER_FAILED = "upstream.deliver_failed";
    public static final String UPSTREAM_ERROR_DROPPED = "upstream.error_dropped";
    public static final String UPSTREAM_FAILED = "upstream.failed";
    public static final String UPSTREAM_GET_STREAM_DROPPED = "upstream.get_stream_dropped";
    public static final String UPSTREAM_LISTENER_FAILED = "upstream.listener_failed";
    public static final String UPSTREAM_LOST = "upstream.lost";
    public static final String UPSTREAM_NO_GET_STREAM = "upstream.no_get_stream";
    public static final String UPSTREAM_READY = "upstream.ready";
    public static final String UPSTREAM_REQUEST_SENT = "upstream.request_sent";
    public static final String UPSTREAM_RESPONSE_RECEIVED = "upstream.response_received";
    public static final String UPSTREAM_RESTART_LIMIT = "upstream.restart_limit";
    public static final String UPSTREAM_RETRYING = "upstream.retrying";
    public static final String UPSTREAM_SERVER_LOG = "upstream.server_log";
    public static final String UPSTREAM_SERVER_LOG_LISTENER_FAILED = "upstream.server_log_listener_failed";
    public static final String UPSTREAM_STDERR = "upstream.stderr";
    public static final String UPSTREAM_STDIO_ANSWER_DROPPED = "upstream.stdio.answer_dropped";
    public static final String UPSTREAM_STDIO_CLOSE_FAILED = "upstream.stdio.close_failed";
    public static final String UPSTREAM_STDIO_CLOSED = "upstream.stdio.closed";
    public static final String UPSTREAM_STDIO_EXCEPTION_HANDLER_FAILED = "upstream.stdio.exception_handler_failed";
    public static final String UPSTREAM_STDIO_EXIT_LISTENER_FAILED = "upstream.stdio.exit_listener_failed";
    public static final String UPSTREAM_STDIO_EXITED = "upstream.stdio.exited";
    public static final String UPSTREAM_STDIO_HANDLER_FAILED = "upstream.stdio.handler_failed";
    public static final String UPSTREAM_STDIO_INVALID_LINE = "upstream.stdio.invalid_line";
    public static final String UPSTREAM_STDIO_NO_HANDLER = "upstream.stdio.no_handler";
    public static final String UPSTREAM_STDIO_NOT_KILLED = "upstream.stdio.not_killed";
    public static final String UPSTREAM_STDIO_REAPING = "upstream.stdio.reaping";
    public static final String UPSTREAM_STDIO_STARTED = "upstream.stdio.started";
    public static final String UPSTREAM_STDIO_STDERR_CLOSED = "upstream.stdio.stderr_closed";
    public static final String UPSTREAM_STDIO_STDIN_CLOSE_FAILED = "upstream.stdio.stdin_close_failed";
    public static final String UPSTREAM_STDIO_STDOUT_CLOSED = "upstream.stdio.stdout_closed";
    public static final String UPSTREAM_STDIO_STDOUT_FAILED = "upstream.stdio.stdout_failed";
    public static final String UPSTREAM_STREAM_RESUME_BAD_EVENT = "upstream.stream_resume_bad_event";
    public static final String UPSTREAM_STREAM_RESUME_BROKE_OFF = "upstream.stream_resume_broke_off";
    public static final String UPSTREAM_STREAM_RESUME_FAILED = "upstream.stream_resume_failed";
    public static final String UPSTREAM_STREAM_RESUME_REFUSED = "upstream.stream_resume_refused";
    public static final String UPSTREAM_STREAM_RESUMED = "upstream.stream_resumed";
    public static final String UPSTREAM_TOOLS_CHANGED = "upstream.tools_changed";

    private LogEvents() {
    }
}
