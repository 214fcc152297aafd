package dev.switchboard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one thread cancel calls another thread is waiting for. A cancelled call fails with {@code CANCELLED}; if its
 * request had reached the server, the server is sent {@code notifications/cancelled}. One token may serve many
 * calls; it cannot be reset.
 *
 * {@snippet :
 * CancellationToken token = new CancellationToken();
 * executor.submit(() -> sb.call(ToolCall.of("search", "crawl", args), CallOptions.DEFAULT.withCancellation(token)));
 * token.cancel("user pressed stop");
 * }
 */
public final class CancellationToken {
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile String reason;

    /** A token that is not cancelled yet. */
    public CancellationToken() {
    }

    /** Cancels every call using this token, now and later. */
    public void cancel() {
        cancel("cancelled by the caller");
    }

    /** Cancels every call using this token, now and later, with a reason the servers are told. */
    public void cancel(String why) {
        if (reason != null) {
            return;
        }
        reason = why == null ? "cancelled by the caller" : why;
        for (Runnable r : listeners) {
            if (listeners.remove(r)) { // exactly once, also against a listener being added right now
                r.run();
            }
        }
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** The reason given to {@link #cancel(String)}, or null while not cancelled. */
    public String reason() {
        return reason;
    }

    /**
     * Runs {@code onCancel} when the token is cancelled (at once if it already is); closing the returned
     * registration removes it. For Switchboard's own use.
     */
    public Registration onCancel(Runnable onCancel) {
        listeners.add(onCancel);
        if (reason != null && listeners.remove(onCancel)) {
            onCancel.run();
        }
        return () -> listeners.remove(onCancel);
    }

    /** A listener registration that can be removed without a checked exception. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
