package dev.switchboard.upstream;

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
 * <p>Callers enqueue whole lines and get a future that completes once the line is written and flushed. A single
 * writer means lines never interleave, sends keep the order they were made in, and a caller (possibly a Reactor
 * thread) never blocks on a full pipe when the child stops reading: only this virtual thread does.
 */
final class StdioWriter {
    private record Line(byte[] bytes, CompletableFuture<Void> written) {
    }

    private static final Line STOP = new Line(null, null);
    // Whatever the caller chained on a send's future runs where the future completes. Completing on the writer
    // thread would let a continuation that blocks (say, on a response) stall every later write: so never there.
    private static final Executor COMPLETIONS = task -> Thread.ofVirtual().name("switchboard-stdio-sent").start(task);

    private final OutputStream out;
    private final Thread thread;
    private final LinkedBlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    // Guards the stopped check and the enqueue together, so no line slips in behind STOP and is never answered.
    private final ReentrantLock lock = new ReentrantLock();
    private Supplier<? extends Throwable> stoppedReason;

    StdioWriter(String server, OutputStream out) {
        this.out = out;
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
        lock.lock();
        try {
            if (stoppedReason != null) {
                written.completeExceptionally(stoppedReason.get());
            } else {
                queue.add(new Line(line, written));
            }
        } finally {
            lock.unlock();
        }
        return written;
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
            COMPLETIONS.execute(() -> line.written().complete(null));
        } catch (IOException | RuntimeException e) {
            COMPLETIONS.execute(() -> line.written().completeExceptionally(e));
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
                Throwable failure = reason != null ? reason.get() : new IOException("stdin closed");
                COMPLETIONS.execute(() -> line.written().completeExceptionally(failure));
            }
        }
    }
}
