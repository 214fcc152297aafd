package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One request on one live session, waited for on the caller's (virtual) thread until its answer, its deadline, its
 * cancellation or an interrupt. A request given up on is cancelled on the server and released in the SDK
 * ({@link UpstreamSession#abandon}), so nothing of it stays behind.
 */
final class SessionRequest {
    private final UpstreamSession session;
    private final ErrorClassifier classifier;
    private final String server;
    private final DeadlineWatch deadlines;

    SessionRequest(UpstreamSession session, ErrorClassifier classifier, String server, DeadlineWatch deadlines) {
        this.session = session;
        this.classifier = classifier;
        this.server = server;
        this.deadlines = deadlines;
    }

    <T> T run(String what, String tool, CallHandle handle, Function<UpstreamSession, Mono<T>> op) {
        CompletableFuture<T> f = new CompletableFuture<>();
        handle.attach(f);
        if (f.isDone()) {
            throw handle.notSent(); // cancelled before it started
        }
        Disposable subscription = op.apply(session)
                .contextWrite(ctx -> session.dropped.into(ctx.put(CallHandle.KEY, handle)))
                .subscribe(value -> {
                    handle.released();
                    session.answered();
                    f.complete(value);
                }, error -> {
                    handle.released();
                    f.completeExceptionally(error);
                }, () -> {
                    handle.released();
                    session.answered();
                    f.complete(null);
                });
        session.track(f);
        InvalidOutput noiseBefore = session.invalidOutput();
        String why = "abandoned";
        try {
            return await(f, handle, what, tool);
        } catch (SwitchboardException e) {
            if (e.code() == ErrorCode.TIMEOUT && session.invalidOutput().since(noiseBefore)) {
                // No answer, but lines that are not JSON-RPC: the answer probably came, unreadable.
                why = "timeout";
                var garbled = new SwitchboardException(ErrorCode.PROTOCOL_MISMATCH, server, tool, e.getMessage()
                        + "; " + session.invalidOutput().describe() + ": check that it speaks MCP on stdout", e);
                if (session.garbledNow()) {
                    // Noise, and not one JSON-RPC message after it: the server no longer speaks MCP at all (it was
                    // still up, so nothing else would restart it). Lose the session: the server is started afresh,
                    // and the calls waiting on it fail now instead of at their deadlines. Answers to other requests
                    // that came before the noise (a catalog listing just after the start) do not count against it.
                    session.lose(garbled);
                }
                throw garbled;
            }
            why = e.code() == ErrorCode.TIMEOUT ? "timeout after "
                    + dev.switchboard.config.Durations.format(handle.deadline().elapsed())
                    : e.code() == ErrorCode.CANCELLED ? Objects.requireNonNullElse(handle.cancelWords(),
                            "cancelled by the caller") : e.code().name();
            throw e;
        } finally {
            // Cancel on the server first, untrack last: a session being lost waits for its callers to let go.
            if (!handle.isReleased()) {
                subscription.dispose();
                Object id = handle.abandon();
                if (id != null) {
                    session.abandon(id, what, why);
                }
            }
            session.untrack(f);
        }
    }

    private <T> T await(CompletableFuture<T> f, CallHandle handle, String what, String tool) {
        // Only a virtual thread waits for the watch: its timed park is what costs (see DeadlineWatch). A platform
        // thread keeps the timed get, which also lets a ForkJoinPool worker be compensated while it blocks.
        DeadlineWatch.Waiter waiter = deadlines != null && Thread.currentThread().isVirtual()
                ? deadlines.watch(handle.deadline()) : null;
        try {
            return waiter != null ? awaitWatched(f, handle, what, tool) : awaitTimed(f, handle, what, tool);
        } catch (ExecutionException e) {
            if (handle.cancelReason() != null && e.getCause() == handle.cancelReason()) {
                throw handle.cancelReason();
            }
            SwitchboardException failure = classifier.classify(e.getCause(), what, tool, handle.deadline().timeout());
            if (ErrorClassifier.refused(failure)) {
                handle.neverDelivered(); // its own connection was refused: it carried nothing, safe to send again
            }
            SwitchboardException lost = session.lossReason();
            if (lost != null && failure.code() != ErrorCode.UNREACHABLE) {
                // Cut off by the loss ("session terminated"): the loss says what happened. A request whose own
                // connection broke or was refused says so itself.
                throw lost;
            }
            if (lost == null && losesTheSession(failure)) {
                session.lose(failure); // no new request goes out on it
            } else if (lost == null && failure.code() == ErrorCode.UNREACHABLE) {
                session.suspect(); // a broken connection: is the server still there?
            }
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.CANCELLED, server, tool,
                    "call to server '" + server + "' was interrupted", e);
        } finally {
            if (waiter != null) {
                deadlines.forget(waiter);
            }
        }
    }

    private <T> T awaitWatched(CompletableFuture<T> f, CallHandle handle, String what, String tool)
            throws ExecutionException, InterruptedException {
        Thread me = Thread.currentThread();
        f.whenComplete((v, e) -> LockSupport.unpark(me));
        // Woken by the answer, the watch, an interrupt, or nothing at all (a spurious wake-up): each time, look again.
        while (!f.isDone()) {
            long left = handle.deadline().remainingNanos();
            if (left <= 0) {
                throw timedOut(handle, what, tool);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (deadlines.isRunning()) {
                LockSupport.park(f);
            } else {
                LockSupport.parkNanos(f, left);
            }
        }
        return f.get();
    }

    private <T> T awaitTimed(CompletableFuture<T> f, CallHandle handle, String what, String tool)
            throws ExecutionException, InterruptedException {
        while (true) {
            long left = handle.deadline().remainingNanos();
            if (left <= 0) {
                throw timedOut(handle, what, tool);
            }
            try {
                return f.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Look again: a progress report may have moved the deadline meanwhile.
            }
        }
    }

    /**
     * Whether a failure means the session is gone: its process exited, the server no longer knows it, or nobody
     * listens where the server was (a refused connection). One broken connection (a reset under load) fails its own
     * request only, and an HTTP 5xx answer comes from a failing server, not a gone one.
     */
    static boolean losesTheSession(SwitchboardException failure) {
        return switch (failure.code()) {
            case PROCESS_EXITED, SESSION_EXPIRED -> true;
            case UNREACHABLE -> ErrorClassifier.refused(failure);
            default -> false;
        };
    }

    private SwitchboardException timedOut(CallHandle handle, String what, String tool) {
        return classifier.classify(new TimeoutException(), what, tool, handle.deadline().elapsed());
    }
}
