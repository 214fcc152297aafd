package dev.switchboard;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Options of one tool call; {@link #DEFAULT} uses the server's {@code request_timeout}, reports no progress and can
 * be cancelled only by interrupting the calling thread.
 *
 * @param timeout the limit on the call, or null for the server's {@code request_timeout}; never beyond the server's
 *     {@code calls.max_total}; with {@code progress_extends_deadline}, each progress report restarts it
 * @param onProgress receives the server's progress reports, or null; it runs on Switchboard's I/O thread: keep it
 *     quick
 * @param cancellation cancels the call from another thread, or null
 * @param waitForReady whether a call to a server that is not ready (starting, restarting after a crash,
 *     reconnecting) waits for it within the call's deadline (the default), or fails at once with
 *     {@code SERVER_UNAVAILABLE}; a server that failed for good, is disabled or closed never makes a call wait
 * @param handlers who answers what the server asks the client while this call is in flight (sampling, elicitation,
 *     roots), or null for the Switchboard's own {@link Switchboard.Builder#handlers handlers}: a gateway passes the
 *     handlers of the downstream client that made the call. When calls with different handlers are in flight on one
 *     server at once, a request of that server cannot be attributed and is refused with an error that says so
 * @param credentials the user the call is made for, with their token, or null for the server's own connection;
 *     see {@link #withCredentials}
 */
public record CallOptions(Duration timeout, Consumer<CallProgress> onProgress, CancellationToken cancellation,
        boolean waitForReady, ClientHandlers handlers, UserCredentials credentials) {
    public static final CallOptions DEFAULT = new CallOptions(null, null, null, true, null, null);

    public CallOptions {
        if (timeout != null && !timeout.isPositive()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, onProgress, cancellation, waitForReady, handlers, credentials);
    }

    public CallOptions withProgress(Consumer<CallProgress> newOnProgress) {
        return new CallOptions(timeout, newOnProgress, cancellation, waitForReady, handlers, credentials);
    }

    public CallOptions withCancellation(CancellationToken newCancellation) {
        return new CallOptions(timeout, onProgress, newCancellation, waitForReady, handlers, credentials);
    }

    /** These options, with a call that waits for a server that is not ready (true) or fails at once (false). */
    public CallOptions withWaitForReady(boolean wait) {
        return new CallOptions(timeout, onProgress, cancellation, wait, handlers, credentials);
    }

    /** These options, with server requests made during the call answered by {@code newHandlers}. */
    public CallOptions withClientHandlers(ClientHandlers newHandlers) {
        return new CallOptions(timeout, onProgress, cancellation, waitForReady, newHandlers, credentials);
    }

    /**
     * These options, with the call made for one user with their own credentials (null: the server's own
     * connection). The call goes to the server over a session of that user alone, opened at the user's first call
     * and kept for the next (see {@link Switchboard.Builder#userSessions}); two users never share a session, a
     * connection or a result. Only HTTP servers take credentials: a call to a stdio server fails with
     * {@link ErrorCode#INVALID_ARGUMENTS}; a token the server refuses fails it with {@link ErrorCode#AUTH_FAILED}
     * naming the server and the user.
     */
    public CallOptions withCredentials(UserCredentials newCredentials) {
        return new CallOptions(timeout, onProgress, cancellation, waitForReady, handlers, newCredentials);
    }
}
