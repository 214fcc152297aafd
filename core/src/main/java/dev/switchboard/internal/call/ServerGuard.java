package dev.switchboard.internal.call;

import dev.switchboard.BreakerState;
import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.BreakerPolicy;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Ticker;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands between a call and one server: its circuit breaker, its bulkhead, and the global bulkhead. A call
 * {@linkplain #enter enters} (or fails at once with CIRCUIT_OPEN or OVERLOADED, before touching the network) and
 * reports how it ended on the {@link Permit}.
 *
 * <p>The breaker is resilience4j's, on a count-based window for the failure rate; the "N consecutive failures"
 * rule, which it lacks, is counted here and forces the breaker open.
 */
public final class ServerGuard {
    /** Hears every change of a breaker's state. */
    @FunctionalInterface
    public interface BreakerListener {
        void changed(String server, BreakerState from, BreakerState to, Instant at);
    }

    private static final Logger log = LoggerFactory.getLogger(ServerGuard.class);
    /** Slow calls never open the breaker: a long tool call that reports progress is not a failure. */
    private static final Duration NEVER_SLOW = Duration.ofDays(3650);

    private final String server;
    private final CallPolicy policy;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Bulkhead global;
    private final int consecutiveLimit;
    private final Duration openFor;
    private final AtomicInteger consecutive = new AtomicInteger();
    private final Ticker ticker;
    private final LogGate gate;
    /** When the last failure that counted ended (ticker nanos), once there was one. */
    private final AtomicLong incidentAt = new AtomicLong();
    private volatile boolean hadIncident;
    /** The session whose loss of connection or process counted last (0: none). */
    private final AtomicLong brokenSession = new AtomicLong();
    private volatile Instant changedAt;

    ServerGuard(String server, CallPolicy policy, Bulkhead global, Clock clock, Ticker ticker,
            BreakerListener onTransition, LogGate gate) {
        this.server = server;
        this.gate = gate;
        this.policy = policy;
        this.clock = clock;
        this.ticker = ticker;
        this.global = global;
        BreakerPolicy b = policy.breaker();
        this.consecutiveLimit = b.failureThreshold();
        this.openFor = b.openFor();
        this.breaker = CircuitBreaker.of(server, CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindow(b.window(), b.window(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .failureRateThreshold(b.failureRate())
                .slowCallDurationThreshold(NEVER_SLOW)
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .writableStackTraceEnabled(false)
                .build());
        this.bulkhead = Bulkhead.of(server, BulkheadConfig.custom().maxConcurrentCalls(policy.maxConcurrentCalls())
                .maxWaitDuration(policy.queueWait()).fairCallHandlingStrategyEnabled(false)
                .writableStackTraceEnabled(false).build());
        breaker.getEventPublisher().onStateTransition(e -> transitioned(e, onTransition));
    }

    /** The policy this guard was built from. */
    CallPolicy policy() {
        return policy;
    }

    /** A global limit on calls in flight across servers, waiting at most {@code wait} for a slot. */
    static Bulkhead globalLimit(int maxConcurrentCalls, Duration wait) {
        return Bulkhead.of("switchboard-global", BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(wait).fairCallHandlingStrategyEnabled(false).writableStackTraceEnabled(false).build());
    }

    /**
     * Lets a call through, or fails it at once.
     *
     * @throws SwitchboardException CIRCUIT_OPEN, OVERLOADED, or CANCELLED when interrupted while waiting for a slot
     */
    Permit enter(String tool) {
        if (!breaker.tryAcquirePermission()) {
            throw circuitOpen(tool);
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            throw overloaded(tool, "server '" + server + "' has " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls in flight (calls.max_concurrent_calls)");
        }
        if (!global.tryAcquirePermission()) {
            bulkhead.onComplete();
            breaker.releasePermission();
            throw overloaded(tool, "Switchboard has " + global.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls in flight (orchestration.max_concurrent_calls)");
        }
        return new Permit(ticker.nanoTime());
    }

    /**
     * The server has a new session (a restart, a reconnect): what failed on the old one says nothing about it, so
     * the breaker starts afresh, closed and with no failures counted.
     */
    public void startAfresh() {
        consecutive.set(0);
        hadIncident = false;
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        } else {
            breaker.reset();
        }
    }

    public BreakerState state() {
        return of(breaker.getState());
    }

    private static BreakerState of(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }

    /** When the breaker last changed state, or null. */
    public Instant changedAt() {
        return changedAt;
    }

    /** One call let through; {@link #end} must be called exactly once. */
    final class Permit {
        private final long started;

        private Permit(long started) {
            this.started = started;
        }

        /**
         * The call ended: {@code code} is null for a result (a tool error included), or the failure's code.
         * Timeouts and transport failures count against the breaker, once per incident: the calls that were in
         * flight when a failure was counted (one process died, one session was lost, one stall hit them all) are its
         * casualties, not more failures. A broken connection, an exited process or an expired session counts once
         * per session: after an HTTP server is killed, every pooled connection of the old session is dead, and the
         * calls that meet them one after another, before the session is found lost, are the same incident. Caller-side
         * ends (cancel, shutdown) and answers from a working server (JSON-RPC errors) never count.
         *
         * @param session the number of the session the call ran on, 0 when it never reached one
         */
        void end(ErrorCode code, long session) {
            long now = ticker.nanoTime();
            long nanos = now - started;
            global.onComplete();
            bulkhead.onComplete();
            if (code == null || code == ErrorCode.TOOL_ERROR || code == ErrorCode.RPC_ERROR) {
                consecutive.set(0);
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            } else if (countsAsFailure(code) && !sameBrokenSession(code, session) && newIncident(now)) {
                if (brokenConnection(code)) {
                    brokenSession.set(session);
                }
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new SwitchboardException(code, server, code.name()));
                if (consecutive.incrementAndGet() >= consecutiveLimit
                        && breaker.getState() == CircuitBreaker.State.CLOSED) {
                    breaker.transitionToOpenState();
                }
            } else {
                breaker.releasePermission();
            }
        }

        private boolean sameBrokenSession(ErrorCode code, long session) {
            return session != 0 && brokenConnection(code) && brokenSession.get() == session;
        }

        /** Whether this failure starts an incident: the call began after the last failure that counted. */
        private boolean newIncident(long now) {
            long last = incidentAt.get();
            if (hadIncident && started - last < 0) {
                return false;
            }
            if (!incidentAt.compareAndSet(last, now)) {
                return false; // another failure of the same moment got there first
            }
            hadIncident = true;
            return true;
        }
    }

    private static boolean brokenConnection(ErrorCode code) {
        return code == ErrorCode.UNREACHABLE || code == ErrorCode.PROCESS_EXITED || code == ErrorCode.SESSION_EXPIRED;
    }

    static boolean countsAsFailure(ErrorCode code) {
        return switch (code) {
            case TIMEOUT, UNREACHABLE, PROCESS_EXITED, SESSION_EXPIRED, OVERLOADED, PROTOCOL_MISMATCH, AUTH_FAILED,
                    INTERNAL -> true;
            default -> false;
        };
    }

    private void transitioned(CircuitBreakerOnStateTransitionEvent e, BreakerListener onTransition) {
        consecutive.set(0);
        Instant at = clock.instant();
        changedAt = at;
        var t = e.getStateTransition();
        var event = t.getToState() == CircuitBreaker.State.OPEN ? gate.warn(log, LogEvents.CALL_BREAKER)
                : gate.info(log, LogEvents.CALL_BREAKER);
        event.addKeyValue("server", server).addKeyValue("from", t.getFromState().name())
                .addKeyValue("to", t.getToState().name())
                .addKeyValue("failure_rate", breaker.getMetrics().getFailureRate()).log();
        if (of(t.getFromState()) != of(t.getToState())) { // FORCED_OPEN and OPEN are both OPEN to users
            onTransition.changed(server, of(t.getFromState()), of(t.getToState()), at);
        }
    }

    private SwitchboardException circuitOpen(String tool) {
        Instant at = changedAt;
        String until = breaker.getState() == CircuitBreaker.State.HALF_OPEN ? "its trial calls have ended"
                : at == null ? "it closes" : at.plus(openFor) + " (then a few trial calls go through)";
        return new SwitchboardException(ErrorCode.CIRCUIT_OPEN, server, tool, "server '" + server + "'"
                + (tool == null ? "" : " (tool '" + tool + "')") + ": the circuit breaker is open after repeated "
                + "failures (timeouts or transport errors); calls fail at once until " + until
                + ". See the server's health in its status (Switchboard.status, or switchboard check)", null);
    }

    private SwitchboardException overloaded(String tool, String why) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        if (interrupted) {
            return new SwitchboardException(ErrorCode.CANCELLED, server, tool, "call to server '" + server
                    + "' was interrupted while waiting for a free slot", null);
        }
        return new SwitchboardException(ErrorCode.OVERLOADED, server, tool, why + (tool == null ? ""
                : "; tool '" + tool + "' was not called") + ". Retry later, or raise the limit", null);
    }
}
