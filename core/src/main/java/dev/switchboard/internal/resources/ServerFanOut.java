package dev.switchboard.internal.resources;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.upstream.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one task per server, all at once on virtual threads, under one deadline: a server that has not finished by
 * then is cancelled and reported as timed out, so one stuck server never holds the others' results.
 */
final class ServerFanOut {
    /** What one server's task gave: a value or a classified error, and how long it took. */
    record Outcome<T>(Upstream server, T value, SwitchboardException error, Duration duration) {
        boolean ok() {
            return error == null;
        }
    }

    private ServerFanOut() {
    }

    /** Runs {@code task} for every server; outcomes come back in the order of {@code servers}. */
    static <T> List<Outcome<T>> run(List<Upstream> servers, long deadlineNanos, Duration wholeTimeout,
            Function<Upstream, T> task) {
        long start = System.nanoTime();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome<T>>> futures = new ArrayList<>(servers.size());
            for (Upstream u : servers) {
                futures.add(exec.submit(() -> timed(u, task)));
            }
            List<Outcome<T>> outcomes = new ArrayList<>(servers.size());
            for (int i = 0; i < servers.size(); i++) {
                outcomes.add(await(servers.get(i), futures.get(i), start, deadlineNanos, wholeTimeout, exec));
            }
            return outcomes;
        }
    }

    private static <T> Outcome<T> timed(Upstream u, Function<Upstream, T> task) {
        long t0 = System.nanoTime();
        try {
            T value = task.apply(u);
            return new Outcome<>(u, value, null, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SwitchboardException e) {
            return new Outcome<>(u, null, e, Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            SwitchboardException wrapped = new SwitchboardException(ErrorCode.INTERNAL, u.name(), null,
                    "server '" + u.name() + "': unexpected " + e, e);
            return new Outcome<>(u, null, wrapped, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static <T> Outcome<T> await(Upstream u, Future<Outcome<T>> f, long t0, long deadlineNanos,
            Duration whole, ExecutorService exec) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome<>(u, null, new SwitchboardException(ErrorCode.TIMEOUT, u.name(), null, "server '"
                    + u.name() + "' did not finish within the deadline of " + whole.toMillis()
                    + "ms (orchestration.resources.gather_timeout)", e), Duration.ofNanos(System.nanoTime() - t0));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fan-out task never throws", e.getCause());
        } catch (InterruptedException e) {
            // Interrupt every server's work now; closing the executor then waits only for them to unwind.
            exec.shutdownNow();
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.CANCELLED, "gathering from the servers was interrupted");
        }
    }
}
