package dev.switchboard.internal.call;

import dev.switchboard.BreakerState;
import dev.switchboard.CallOptions;
import dev.switchboard.CallStats;
import dev.switchboard.CancellationToken;
import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolResult;
import dev.switchboard.config.CallPolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.internal.events.EventHub;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.tracing.Tracing;
import dev.switchboard.internal.upstream.CallHandle;
import dev.switchboard.internal.upstream.Deadline;
import dev.switchboard.internal.upstream.Ticker;
import dev.switchboard.internal.upstream.ToolSession;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls on resolved servers: deadline (per server, per call, capped by {@code max_total}, extended by
 * progress), cancellation by the caller or by interrupt, safe retries, circuit breaker, bulkheads, and the numbers.
 * Blocking; safe to use from many virtual threads at once.
 *
 * <p>It sees a server only as a {@link ToolSession} and reads time only from its {@link Ticker} (and its clock),
 * so that all of this is tested on a fake session and a fake clock.
 */
public final class CallExecutor {
    private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);

    /** For {@link ToolSession#awaitSessionAfter}: any ready session will do. */
    private static final long ANY_SESSION = -1;

    private final CallMetrics metrics;
    private final Bulkhead global;
    private final Clock clock;
    private final Ticker ticker;
    private final ServerGuard.BreakerListener onBreakerChange;
    private final EventHub events;
    private final LogGate gate;
    private volatile MicrometerBinding binding;
    private volatile Tracing tracing = Tracing.NONE;

    /**
     * @param config the first configuration: its global limit on calls in flight holds for the instance's life
     * @param onBreakerChange told whenever a server's breaker changes state
     * @param events where a {@code CallFinished} goes after every call, while anyone listens
     * @param gate the instance's log gate, for the calls' and the breakers' events
     */
    public CallExecutor(SwitchboardConfig config, Clock clock, ServerGuard.BreakerListener onBreakerChange,
            EventHub events, LogGate gate) {
        this(config, clock, Ticker.SYSTEM, onBreakerChange, events, gate);
    }

    /**
     * An executor that reads durations and deadlines from {@code ticker} (tests move it by hand; the sessions it
     * calls must wait on the same time).
     */
    public CallExecutor(SwitchboardConfig config, Clock clock, Ticker ticker,
            ServerGuard.BreakerListener onBreakerChange, EventHub events, LogGate gate) {
        Duration globalWait = config.servers().stream().map(s -> s.options().calls().queueWait())
                .max(Duration::compareTo).orElse(Duration.ZERO);
        this.global = ServerGuard.globalLimit(config.orchestration().maxConcurrentCalls(), globalWait);
        this.clock = clock;
        this.ticker = ticker;
        this.onBreakerChange = onBreakerChange;
        this.events = events;
        this.gate = gate;
        this.metrics = new CallMetrics(config.servers().stream().map(ServerConfig::name).toList());
    }

    /**
     * The guard a server's calls go through: {@code previous} (state included) when its call policy is unchanged,
     * else a fresh breaker and bulkhead.
     *
     * @param previous the server's guard before a change, or null for a new server
     */
    public ServerGuard guard(String server, CallPolicy policy, ServerGuard previous) {
        if (previous != null && previous.policy().equals(policy)) {
            return previous;
        }
        return new ServerGuard(server, policy, global, clock, ticker, onBreakerChange, gate);
    }

    /**
     * The guard of one user's session with a server ({@code CallOptions.withCredentials}): its own breaker, which
     * no event reports (the server's breaker is the one the status shows), under the global limit on calls.
     */
    public ServerGuard userGuard(String server, CallPolicy policy) {
        return new ServerGuard(server, policy, global, clock, ticker, (name, from, to, at) -> { }, gate);
    }

    /**
     * Follows a changed set of servers (a reload, an enabled or disabled server): every server gets its numbers,
     * and its breaker and health gauges when a registry is bound.
     */
    public void servers(List<String> names, Function<String, BreakerState> breakers,
            Function<String, HealthState> health) {
        metrics.servers(names);
        MicrometerBinding b = binding;
        if (b != null) {
            b.bindServers(names, breakers, health);
        }
    }

    /**
     * Publishes the numbers to a Micrometer registry (see {@link MicrometerBinding}); call before any call and
     * before {@link #servers}, which binds each server's gauges.
     */
    public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        MicrometerBinding b = new MicrometerBinding(registry);
        metrics.sink(b);
        binding = b;
    }

    /** Makes a span of every call from now on (see {@link Tracing}). */
    public void traceWith(Tracing newTracing) {
        this.tracing = newTracing;
    }

    /**
     * Calls a tool and waits for its result.
     *
     * @throws SwitchboardException with the code of the last attempt's failure; a result with {@code isError} is
     *     returned, not thrown
     */
    public ToolResult call(ToolSession session, ServerGuard guard, String tool, Map<String, Object> arguments,
            CallOptions options) {
        String server = session.name();
        CallPolicy policy = session.options().calls();
        Duration timeout = options.timeout() != null ? options.timeout() : session.options().requestTimeout();
        Deadline deadline = Deadline.of(ticker, timeout, policy.maxTotal(), policy.progressExtendsDeadline());
        CallMetrics.Call counted = metrics.start(server, tool);
        Span span = tracing.startCall(server, tool, session.config());
        // Without an SDK the span is invalid: nothing to make current, and nothing allocated for it per call.
        Scope current = span.getSpanContext().isValid() ? span.makeCurrent() : Scope.noop();
        // Every attempt carries the call's span to the server, whose spans then join the caller's trace.
        Attempts attempts = new Attempts(server, tool, options.cancellation(), tracing.meta());
        ErrorCode code = ErrorCode.INTERNAL;
        try {
            ToolResult result = run(session, guard, tool, arguments, options, policy, deadline, attempts);
            code = result.isError() ? ErrorCode.TOOL_ERROR : null;
            gate.debug(log, LogEvents.CALL_DONE).addKeyValue("server", server).addKeyValue("tool", tool)
                    .addKeyValue("duration_ms", result.duration().toMillis())
                    .addKeyValue("attempts", result.attempts()).addKeyValue("is_error", result.isError()).log();
            return result;
        } catch (SwitchboardException e) {
            code = e.code();
            gate.warn(log, LogEvents.CALL_FAILED).addKeyValue("server", server).addKeyValue("tool", tool)
                    .addKeyValue("error_code", e.code().name()).addKeyValue("attempts", attempts.count())
                    .addKeyValue("duration_ms", deadline.elapsed().toMillis())
                    .addKeyValue("message", e.getMessage()).log();
            throw e;
        } finally {
            attempts.close();
            current.close();
            Tracing.endCall(span, code, attempts.count());
            long nanos = deadline.elapsed().toNanos();
            counted.ended(code, nanos);
            // A call with a user's credentials is that user's business: every listener (a gateway's event stream
            // for all its clients included) would learn who called what and how it went.
            if (events.active() && options.credentials() == null) {
                events.publish(new SwitchboardEvent.CallFinished(server, tool, Duration.ofNanos(nanos), code,
                        attempts.count(), clock.instant()));
            }
        }
    }

    private ToolResult run(ToolSession session, ServerGuard guard, String tool, Map<String, Object> arguments,
            CallOptions options, CallPolicy policy, Deadline deadline, Attempts attempts) {
        Duration backoff = policy.retryBackoff();
        // Read while a session is up: once it is lost, its tool list (and the annotations) are gone with it.
        boolean safeToRepeat = RetryRule.safeToRepeat(session.tools(), tool);
        SwitchboardException cause = null; // the first failure of a request that went out: the call's real story
        while (true) {
            if (comingBack(session.state()) && !awaitReady(session, options, deadline, attempts)) {
                throw notReady(session, tool, options, cause);
            }
            safeToRepeat |= RetryRule.safeToRepeat(session.tools(), tool);
            CallHandle handle = attempts.next(new CallHandle(deadline, options.onProgress(),
                    options.handlers()));
            try {
                McpSchema.CallToolResult r = attempt(session, guard, tool, arguments, handle);
                return new ToolResult(session.name(), tool, deadline.elapsed(), r, attempts.count());
            } catch (SwitchboardException e) {
                if (!handle.wasSent() && e.code() == ErrorCode.SERVER_UNAVAILABLE && options.waitForReady()
                        && comingBack(session.state())) {
                    attempts.notMade(); // it became unready just before sending: wait for it, as for any call
                    continue;
                }
                if (cause == null && (handle.wasSent() || e.code() != ErrorCode.SERVER_UNAVAILABLE)) {
                    cause = e;
                }
                boolean again = attempts.count() < policy.retryAttempts() && !attempts.cancelled()
                        && RetryRule.mayRetry(e, handle.wasSent(), safeToRepeat)
                        && (e.code() == ErrorCode.SESSION_EXPIRED ? awaitNewSession(session, handle, deadline)
                                : waitBeforeRetry(session, handle, backoff, deadline));
                if (!again) {
                    // A request that could not go out because the server was down says less than one that did.
                    SwitchboardException told = !handle.wasSent() && e.code() == ErrorCode.SERVER_UNAVAILABLE
                            && cause != null ? cause : e;
                    throw attempts.count() == 1 ? told : afterAttempts(session, tool, told, e, attempts);
                }
                gate.info(log, LogEvents.CALL_RETRY).addKeyValue("server", session.name())
                        .addKeyValue("tool", tool).addKeyValue("attempt", attempts.count() + 1)
                        .addKeyValue("error_code", e.code().name()).addKeyValue("sent", handle.wasSent()).log();
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Waits, within the call's deadline, for a server that is starting, restarting or reconnecting to be ready (or
     * to end up failed, disabled or closed, which the attempt then reports); false when the caller asked not to
     * wait, cancelled, or the deadline passed first.
     */
    private static boolean awaitReady(ToolSession session, CallOptions options, Deadline deadline,
            Attempts attempts) {
        if (!options.waitForReady() || attempts.cancelled()) {
            return false;
        }
        try {
            while (comingBack(session.state())) {
                long left = deadline.remainingNanos();
                if (left <= 0 || attempts.cancelled()) {
                    return false;
                }
                if (session.awaitSessionAfter(ANY_SESSION, Duration.ofNanos(left))) {
                    return true;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean comingBack(ServerState state) {
        return state == ServerState.CONNECTING || state == ServerState.RETRYING;
    }

    /**
     * The failure of a call that could not be (re)sent because the server was not ready: the failure of the request
     * that did go out when there was one (a call that reached a crashing process failed with PROCESS_EXITED, not
     * because the server was then restarting), else SERVER_UNAVAILABLE.
     */
    private SwitchboardException notReady(ToolSession session, String tool, CallOptions options,
            SwitchboardException cause) {
        ServerState state = session.state();
        String how = !comingBack(state) ? "is " + state
                : options.waitForReady() ? "did not become ready within the call's deadline" : "is " + state;
        if (cause != null) {
            return new SwitchboardException(cause.code(), session.name(), tool, cause.getMessage() + " (then the"
                    + " server " + how + ")", cause);
        }
        ErrorInfo last = session.lastError();
        String why = last == null ? "" : "; the last failure: " + last.code() + ": " + last.message();
        return new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE, session.name(), tool, "server '"
                + session.name() + "' " + how + (comingBack(state) ? " (Switchboard keeps reconnecting)" : "")
                + "; tool '" + tool + "' was not called" + why, null);
    }

    private static SwitchboardException afterAttempts(ToolSession session, String tool, SwitchboardException told,
            SwitchboardException last, Attempts attempts) {
        return new SwitchboardException(told.code(), session.name(), tool, told.getMessage() + " (after "
                + attempts.count() + " attempts" + (told.code() == last.code() ? "" : "; the last: " + last.code())
                + ")", told);
    }

    private static McpSchema.CallToolResult attempt(ToolSession session, ServerGuard guard, String tool,
            Map<String, Object> arguments, CallHandle handle) {
        ServerGuard.Permit permit = guard.enter(tool);
        ErrorCode code = ErrorCode.INTERNAL;
        try {
            McpSchema.CallToolResult r = session.callTool(tool, arguments, handle);
            code = null;
            return r;
        } catch (SwitchboardException e) {
            code = e.code();
            throw e;
        } finally {
            permit.end(code, handle.session());
        }
    }

    /**
     * Waits the backoff, or less when a new session becomes ready (the server came back, or a session was
     * re-established); false when the deadline leaves no room for another attempt, the server will not come back,
     * or the wait was interrupted.
     */
    private static boolean waitBeforeRetry(ToolSession session, CallHandle failed, Duration backoff,
            Deadline deadline) {
        long left = deadline.remainingNanos();
        if (left <= backoff.toNanos() / 2) {
            return false;
        }
        Duration wait = Duration.ofNanos(Math.min(left / 2, backoff.toNanos()));
        try {
            if (session.awaitSessionAfter(failed.session(), wait)) {
                return true;
            }
            ServerState state = session.state();
            return state == ServerState.READY || state == ServerState.CONNECTING || state == ServerState.RETRYING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * After the server refused the session, waits for the new one (at most the connect timeout, within the
     * deadline) rather than a backoff: the refused request was not processed and can go out as soon as it is ready.
     */
    private static boolean awaitNewSession(ToolSession session, CallHandle failed, Deadline deadline) {
        long left = deadline.remainingNanos();
        Duration wait = Duration.ofNanos(Math.min(left, session.options().connectTimeout().toNanos()));
        try {
            return left > 0 && session.awaitSessionAfter(failed.session(), wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The numbers of every server and tool, with each server's breaker state. */
    public List<CallStats> stats(Function<String, BreakerState> breakers) {
        return metrics.snapshot(breakers);
    }

    /**
     * The attempts of one call and its link to the caller's cancellation token: cancelling the token cancels the
     * attempt running now and prevents further ones.
     */
    private static final class Attempts implements AutoCloseable {
        private final String server;
        private final String tool;
        private final CancellationToken token;
        private final CancellationToken.Registration registration;
        private final Map<String, Object> trace;
        private volatile CallHandle current;
        private int count;

        Attempts(String server, String tool, CancellationToken token, Map<String, Object> trace) {
            this.server = server;
            this.tool = tool;
            this.token = token;
            this.trace = trace;
            this.registration = token == null ? null : token.onCancel(this::cancelCurrent);
        }

        CallHandle next(CallHandle handle) {
            count++;
            current = handle;
            handle.traceContext(trace);
            if (cancelled()) {
                handle.cancel(cancelledError(), token.reason());
            }
            return handle;
        }

        int count() {
            return count;
        }

        /** The attempt just begun did not go out because the server was not ready: it does not count. */
        void notMade() {
            count--;
        }

        boolean cancelled() {
            return token != null && token.isCancelled();
        }

        private void cancelCurrent() {
            CallHandle h = current;
            if (h != null) {
                h.cancel(cancelledError(), token.reason());
            }
        }

        private SwitchboardException cancelledError() {
            return new SwitchboardException(ErrorCode.CANCELLED, server, tool, "call to server '" + server
                    + "' (tool '" + tool + "') was cancelled: " + token.reason(), null);
        }

        @Override
        public void close() {
            if (registration != null) {
                registration.close();
            }
        }
    }
}
