package dev.switchboard.internal.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one thread that writes to a child's stdin.
 *
 * <p>Callers enqueue whole lines. A single writer means lines never interleave, sends keep the order they were made
 * in, and a caller (possibly a Reactor thread) never blocks on a full pipe when the child stops reading: only this
 * thread does. A line is either sent with a future that completes once it is written and flushed, or (a request,
 * whose answer is what its caller waits for) sent without one: a failure to write it then reaches the failure
 * handler with the request's id, and nothing is done per line that succeeds.
 */
final class StdioWriter {
    /** What happens to a request that could not be written: its id and why. */
    interface RequestFailures {
        void failed(Object id, Throwable why);
    }

    private record Line(byte[] bytes, CompletableFuture<Void> written, Object requestId) {
    }

    private static final Line STOP = new Line(null, null, null);
    // Whatever the caller chained on a send's future runs where the future completes. Completing on the writer
    // thread would let a continuation that blocks (say, on a response) stall every later write: so never there.
    private static final Executor COMPLETIONS = task -> Thread.ofVirtual().name("switchboard-stdio-sent").start(task);

    private final OutputStream out;
    private final RequestFailures requestFailures;
    private final Thread thread;
    private final LinkedBlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    // Guards the stopped check and the enqueue together, so no line slips in behind STOP and is never answered.
    private final ReentrantLock lock = new ReentrantLock();
    private Supplier<? extends Throwable> stoppedReason;

    StdioWriter(String server, OutputStream out, RequestFailures requestFailures) {
        this.out = out;
        this.requestFailures = requestFailures;
        // Platform thread: a write to a full pipe blocks and would pin a virtual thread's carrier.
        this.thread = Thread.ofPlatform().daemon().name("switchboard-stdio-" + server + "-stdin").start(this::run);
    }

    /** The writing thread, which ends soon after {@link #stop}. */
    Thread thread() {
        return thread;
    }

    /** Queues a line (which must end with a newline); the future fails with the write's IOException, if any. */
    CompletableFuture<Void> write(byte[] line) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Throwable refused = enqueue(new Line(line, written, null));
        if (refused != null) {
            written.completeExceptionally(refused);
        }
        return written;
    }

    /**
     * Queues the line of a request without a future, sparing each call a completion handed to another thread: a
     * failure to write it later goes to the failure handler.
     *
     * @return null when queued, or why not (the writer is stopped); the handler is not told then
     */
    Throwable writeRequest(byte[] line, Object id) {
        return enqueue(new Line(line, null, id));
    }

    private Throwable enqueue(Line line) {
        lock.lock();
        try {
            if (stoppedReason != null) {
                return stoppedReason.get();
            }
            queue.add(line);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops writing: lines still queued and every later write fail with {@code reason}. Does not close the stream
     * (the process owner decides when stdin closes). Idempotent; the first reason wins.
     */
    void stop(Supplier<? extends Throwable> reason) {
        lock.lock();
        try {
            if (stoppedReason == null) {
                stoppedReason = reason;
                queue.add(STOP);
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            Line line;
            while ((line = queue.take()) != STOP) {
                writeOne(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    private void writeOne(Line line) {
        try {
            out.write(line.bytes());
            out.flush();
            if (line.written() != null) {
                COMPLETIONS.execute(() -> line.written().complete(null));
            }
        } catch (IOException | RuntimeException e) {
            fail(line, e);
        }
    }

    private void fail(Line line, Throwable why) {
        if (line.written() != null) {
            COMPLETIONS.execute(() -> line.written().completeExceptionally(why));
        } else {
            COMPLETIONS.execute(() -> requestFailures.failed(line.requestId(), why));
        }
    }

    private void failRemaining() {
        List<Line> left = new ArrayList<>();
        queue.drainTo(left);
        Supplier<? extends Throwable> reason;
        lock.lock();
        try {
            reason = stoppedReason;
        } finally {
            lock.unlock();
        }
        for (Line line : left) {
            if (line != STOP) {
                fail(line, reason != null ? reason.get() : new IOException("stdin closed"));
            }
        }
    }
}
