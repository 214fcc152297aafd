package dev.switchboard.internal.upstream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for the steps of closing something: each returns after at most its wait, whatever happened, and
 * keeps the caller's interrupt status, so that one stuck part cannot hold up the rest of a close.
 */
final class Waits {
    private Waits() {
    }

    /** Waits up to {@code wait} for the future; its outcome does not matter to the caller. */
    static void await(CompletableFuture<?> future, Duration wait) {
        try {
            future.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Bounded wait: the caller goes on with the next step either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code wait} for the thread to end, even when the caller is interrupted (it stays interrupted). */
    static void join(Thread thread, Duration wait) {
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
