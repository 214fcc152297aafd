package dev.switchboard.internal.call;

import dev.switchboard.CallAllException;
import dev.switchboard.CallAllOptions;
import dev.switchboard.CallOptions;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch of tool calls in parallel on virtual threads, at most {@code maxConcurrency} at once, under an
 * optional overall deadline, and returns one outcome per call in input order. With fail-fast, the first failure
 * cancels the rest (on their servers too) and is thrown, naming the failed call.
 */
public final class CallBatch {
    private static final Logger log = LoggerFactory.getLogger(CallBatch.class);

    /** Makes one call of the batch (resolution included); the facade's own {@code call}. */
    @FunctionalInterface
    public interface Caller {
        ToolResult call(ToolCall call, CallOptions options);
    }

    private final List<ToolCall> calls;
    private final CallAllOptions options;
    private final Caller caller;
    private final LogGate gate;
    private final Outcome[] outcomes;
    private final CancellationToken batch = new CancellationToken();
    private final Semaphore slots;
    private final CountDownLatch ended;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReference<Integer> firstFailure = new AtomicReference<>();
    private volatile boolean overallTimedOut;

    private CallBatch(List<ToolCall> calls, CallAllOptions options, Caller caller, LogGate gate) {
        this.calls = List.copyOf(calls);
        this.options = options;
        this.caller = caller;
        this.gate = gate;
        this.outcomes = new Outcome[calls.size()];
        this.slots = new Semaphore(options.maxConcurrency());
        this.ended = new CountDownLatch(calls.size());
    }

    /**
     * @throws SwitchboardException with fail-fast, the first failure (code of the failed call; TOOL_ERROR for a
     *     result with {@code isError}), naming its index, server and tool
     */
    public static List<Outcome> run(List<ToolCall> calls, CallAllOptions options, Caller caller, LogGate gate) {
        if (calls.isEmpty()) {
            return List.of();
        }
        return new CallBatch(calls, options, caller, gate).run();
    }

    private List<Outcome> run() {
        CancellationToken outer = options.cancellation();
        var link = outer == null ? null : outer.onCancel(() -> batch.cancel(outer.reason()));
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls.size(); i++) {
                int index = i;
                exec.submit(() -> runOne(index));
            }
            awaitOverallDeadline();
        } finally {
            if (link != null) {
                link.close();
            }
        }
        Integer failed = firstFailure.get();
        if (failed != null && options.policy() == CallAllOptions.Policy.FAIL_FAST) {
            throw failFast(failed);
        }
        return Arrays.asList(outcomes.clone());
    }

    private void awaitOverallDeadline() {
        if (options.overallTimeout() == null) {
            return; // closing the executor waits for every call
        }
        try {
            if (!ended.await(options.overallTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                overallTimedOut = true;
                batch.cancel("the overall deadline of " + options.overallTimeout() + " passed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.cancel("the caller was interrupted");
        }
    }

    private void runOne(int index) {
        ToolCall call = calls.get(index);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            finish(index, Outcome.failed(call, new SwitchboardException(ErrorCode.CANCELLED, call.server(),
                    call.tool(), "call #" + index + " (" + call.label() + ") was interrupted before it started", e)));
            return;
        }
        try {
            // Finished (and, under fail-fast, the batch cancelled) before the slot is freed: the call waiting for
            // it must see the cancellation, or it would be sent after a failure.
            Outcome outcome = attempt(index, call);
            finish(index, overallTimedOut ? asTimeout(index, outcome) : outcome);
        } finally {
            slots.release();
        }
    }

    private Outcome attempt(int index, ToolCall call) {
        if (batch.isCancelled()) {
            return Outcome.failed(call, notStarted(index));
        }
        try {
            return Outcome.of(call, caller.call(call, CallOptions.DEFAULT.withTimeout(options.perCallTimeout())
                    .withCancellation(batch).withWaitForReady(options.waitForReady())));
        } catch (SwitchboardException e) {
            return Outcome.failed(call, e);
        } catch (RuntimeException e) {
            return Outcome.failed(call, new SwitchboardException(ErrorCode.INTERNAL, call.server(), call.tool(),
                    "call #" + index + " (" + call.label() + ") failed unexpectedly: " + e, e));
        }
    }

    private void finish(int index, Outcome outcome) {
        outcomes[index] = outcome;
        if (!outcome.succeeded() && options.policy() == CallAllOptions.Policy.FAIL_FAST
                && firstFailure.compareAndSet(null, index)) {
            batch.cancel("call #" + index + " (" + outcome.call().label() + ") of the same batch failed");
        }
        int done = completed.incrementAndGet();
        ended.countDown();
        if (options.onProgress() != null) {
            try {
                options.onProgress().progress(done, calls.size());
            } catch (RuntimeException e) {
                gate.warn(log, LogEvents.CALL_PROGRESS_LISTENER_FAILED).setCause(e).log();
            }
        }
    }

    private SwitchboardException notStarted(int index) {
        ToolCall call = calls.get(index);
        return new SwitchboardException(ErrorCode.CANCELLED, call.server(), call.tool(), "call #" + index + " ("
                + call.label() + ") was not started: " + batch.reason(), null);
    }

    /** A call ended by the overall deadline reports TIMEOUT, not the cancellation that carried it out. */
    private Outcome asTimeout(int index, Outcome outcome) {
        if (outcome.error() == null || outcome.error().code() != ErrorCode.CANCELLED) {
            return outcome;
        }
        ToolCall call = outcome.call();
        return Outcome.failed(call, new SwitchboardException(ErrorCode.TIMEOUT, call.server(), call.tool(),
                "call #" + index + " (" + call.label() + ") did not finish within the overall deadline of "
                        + options.overallTimeout() + " of callAll; raise overallTimeout or lower the number of calls",
                outcome.error()));
    }

    private CallAllException failFast(int index) {
        Outcome o = outcomes[index];
        ToolCall call = o.call();
        long cancelled = Arrays.stream(outcomes).filter(x -> x != o && x.error() != null
                && x.error().code() == ErrorCode.CANCELLED).count();
        String what = o.error() != null ? o.error().code() + ": " + o.error().getMessage()
                : "the tool reported an error: " + o.result().text();
        return new CallAllException(o.error() != null ? o.error().code() : ErrorCode.TOOL_ERROR, call.server(),
                call.tool(), "callAll (fail-fast): call #" + index + " (" + call.label() + ") failed: " + what
                        + (cancelled > 0 ? "; " + cancelled + " other call(s) were cancelled" : ""), o.error(),
                Arrays.asList(outcomes.clone()), index);
    }
}
