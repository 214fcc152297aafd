package dev.switchboard.internal.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes whole lines to a child's stdin, through one thread of its own.
 *
 * <p>Callers enqueue whole lines. A single writer means lines never interleave, sends keep the order they were made
 * in, and a caller (possibly a Reactor thread) never blocks on a full pipe when the child stops reading: only this
 * thread does. A line is either sent with a future that completes once it is written and flushed, or (a request,
 * whose answer is what its caller waits for) sent without one: a failure to write it then reaches the failure
 * handler with the request's id, and nothing is done per line that succeeds.
 *
 * <p>A request may skip the queue and be written by its caller, when the write cannot block: nothing is queued
 * before it, and the pipe certainly has room for it, as the bytes written beyond what the child has provably read
 * (the end of the latest request it answered) and the line together stay under {@link #DIRECT_LIMIT}. Handing each
 * line to the thread costs a wake-up of it per call (a tenth of a gateway's CPU under load), so a server that keeps
 * up is written to directly and only one that falls behind is written to through the thread.
 */
final class StdioWriter {
    /** What happens to a request that could not be written: its id and why. */
    interface RequestFailures {
        void failed(Object id, Throwable why);
    }

    // A pipe holds 64 KiB on Linux and at least 16 KiB on macOS before a write blocks.
    static final int DIRECT_LIMIT = 16 * 1024;

    private record Line(byte[] bytes, CompletableFuture<Void> written, StdioInFlight.Pending request) {
    }

    private static final Line STOP = new Line(null, null, null);
    // Whatever the caller chained on a send's future runs where the future completes. Completing on the writer
    // thread would let a continuation that blocks (say, on a response) stall every later write: so never there.
    private static final Executor COMPLETIONS = task -> Thread.ofVirtual().name("switchboard-stdio-sent").start(task);

    private final OutputStream out;
    private final RequestFailures requestFailures;
    private final LongSupplier consumed;
    private final Thread thread;
    private final LinkedBlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    // Guards the stopped check and the enqueue together, so no line slips in behind STOP and is never answered.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Supplier<? extends Throwable> stoppedReason;
    // Held for each write, by the thread or a caller writing directly; position is the bytes written so far.
    private final ReentrantLock writing = new ReentrantLock();
    private long position;
    // Lines queued and not yet written: a caller writes directly only when none is, so a thread's sends stay in order.
    private final AtomicInteger queued = new AtomicInteger();
    private long directWrites; // guarded by writing

    StdioWriter(String server, OutputStream out, RequestFailures requestFailures, LongSupplier consumed) {
        this.out = out;
        this.requestFailures = requestFailures;
        this.consumed = consumed;
        // Platform thread: a write to a full pipe blocks and would pin a virtual thread's carrier.
        this.thread = Thread.ofPlatform().daemon().name("switchboard-stdio-" + server + "-stdin").start(this::run);
    }

    /** The writing thread, which ends soon after {@link #stop}. */
    Thread thread() {
        return thread;
    }

    /** Requests written by their callers so far; for tests of this package. */
    long directWrites() {
        writing.lock();
        try {
            return directWrites;
        } finally {
            writing.unlock();
        }
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
     * Sends the line of a request without a future, sparing each call a completion handed to another thread: a
     * failure to write it later goes to the failure handler. Written at once by the caller when that cannot block
     * (see the class comment), else queued.
     *
     * @return null when written or queued, or why not (the writer is stopped, or the direct write failed); the
     *     handler is not told then
     */
    Throwable writeRequest(byte[] line, StdioInFlight.Pending request) {
        if (queued.get() == 0 && writing.tryLock()) {
            try {
                if (queued.get() == 0 && position - consumed.getAsLong() + line.length <= DIRECT_LIMIT) {
                    Supplier<? extends Throwable> stopped = stoppedReason;
                    if (stopped != null) {
                        return stopped.get();
                    }
                    out.write(line);
                    out.flush();
                    position += line.length;
                    request.end = position;
                    directWrites++;
                    return null;
                }
            } catch (IOException | RuntimeException e) {
                return e;
            } finally {
                writing.unlock();
            }
        }
        return enqueue(new Line(line, null, request));
    }

    private Throwable enqueue(Line line) {
        lock.lock();
        try {
            if (stoppedReason != null) {
                return stoppedReason.get();
            }
            queued.incrementAndGet();
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
                writing.lock();
                try {
                    writeOne(line);
                } finally {
                    queued.decrementAndGet();
                    writing.unlock();
                }
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
            position += line.bytes().length;
            if (line.request() != null) {
                line.request().end = position;
            }
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
            COMPLETIONS.execute(() -> requestFailures.failed(line.request().id, why));
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
