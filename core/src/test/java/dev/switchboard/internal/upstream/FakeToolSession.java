package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ToolSession} without a server, on a {@link FakeClock}: each tool answers as scripted ({@link #on}), time
 * passes only on the fake clock, and every request is recorded ({@link #requests}), including whether it went out
 * and whether it was cancelled on the server. It keeps the promises of {@link ToolSession} the way
 * {@code Upstream} does: it gives up at the handle's deadline with the classifier's TIMEOUT, at the handle's
 * cancellation with its reason, and at an interrupt with CANCELLED, and then cancels a request that went out.
 */
public final class FakeToolSession implements ToolSession {
    /** What the fake server does with one request; {@link Exchange} says what it can do. */
    @FunctionalInterface
    public interface Answer {
        McpSchema.CallToolResult answer(Exchange x);
    }

    /** What waiting for a newer session does; the default lets the whole wait pass on the clock. */
    @FunctionalInterface
    public interface SessionWait {
        boolean await(FakeToolSession session, long after, Duration max) throws InterruptedException;
    }

    /** One wait for a new session, as asked for by the caller. */
    public record Wait(long after, Duration max) {
    }

    /** One request as the fake saw it. */
    public static final class Request {
        private final String tool;
        private final Map<String, Object> arguments;
        private final long session;
        private final boolean progressToken;
        private volatile boolean sent;
        private volatile String cancelledOnServer;
        private volatile SwitchboardException error;

        private Request(String tool, Map<String, Object> arguments, long session, boolean progressToken) {
            this.tool = tool;
            this.arguments = arguments;
            this.session = session;
            this.progressToken = progressToken;
        }

        public String tool() {
            return tool;
        }

        public Map<String, Object> arguments() {
            return arguments;
        }

        /** The number of the session it was made on. */
        public long session() {
            return session;
        }

        /** Whether it carried a progress token (so the server could report progress). */
        public boolean progressToken() {
            return progressToken;
        }

        /** Whether it went out to the server. */
        public boolean sent() {
            return sent;
        }

        /** Why the request was cancelled on the server ({@code notifications/cancelled}), or null. */
        public String cancelledOnServer() {
            return cancelledOnServer;
        }

        /** How it failed, or null. */
        public SwitchboardException error() {
            return error;
        }

        @Override
        public String toString() {
            return tool + arguments + (sent ? " sent" : " unsent") + (error == null ? "" : " " + error.code())
                    + (cancelledOnServer == null ? "" : " cancelled on the server: " + cancelledOnServer);
        }
    }

    private final ServerConfig config;
    private final FakeClock clock;
    private final ErrorClassifier classifier;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Wait> waits = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger hanging = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile List<McpSchema.Tool> tools = List.of();
    private volatile ServerState state = ServerState.READY;
    private volatile ErrorInfo lastError;
    private volatile long sessionNumber = 1;
    private volatile SessionWait onWait = FakeToolSession::letTheWaitPass;

    public FakeToolSession(ServerConfig config, FakeClock clock) {
        this.config = config;
        this.clock = clock;
        this.classifier = new ErrorClassifier(config, null, Masker.URLS_ONLY);
    }

    // ---- Scripting ----

    /** The tool answers its requests in this order; the last answer repeats. Unscripted tools echo. */
    public FakeToolSession on(String tool, Answer... answers) {
        scripts.put(tool, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** The tools the session lists (the retry rule reads their annotations). */
    public FakeToolSession tools(McpSchema.Tool... listed) {
        tools = List.of(listed);
        return this;
    }

    /** What waiting for a new session does from now on. */
    public FakeToolSession onWait(SessionWait wait) {
        onWait = wait;
        return this;
    }

    public void state(ServerState newState) {
        state = newState;
        signal();
    }

    /** The server is in this state because of this failure. */
    public void state(ServerState newState, ErrorCode code, String message) {
        lastError = new ErrorInfo(code, message, Instant.EPOCH);
        state(newState);
    }

    /** A new session is ready: the next requests go out on it, and a caller waiting for it is woken. */
    public void newSession() {
        sessionNumber++;
        state = ServerState.READY;
        signal();
    }

    public long sessionNumber() {
        return sessionNumber;
    }

    // ---- What happened ----

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that went out to the server. */
    public List<Request> sent() {
        return requests.stream().filter(Request::sent).toList();
    }

    public List<Wait> waits() {
        return List.copyOf(waits);
    }

    /** Waits (for real, at most 10 s) until {@code n} requests hang in the fake server at once. */
    public void awaitHanging(int n) throws InterruptedException {
        long left = TimeUnit.SECONDS.toNanos(10);
        lock.lock();
        try {
            while (hanging.get() < n) {
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " hanging requests, have " + hanging.get());
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- ToolSession ----

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public ServerOptions options() {
        return config.options();
    }

    @Override
    public List<McpSchema.Tool> tools() {
        return state == ServerState.READY ? tools : List.of();
    }

    @Override
    public ServerState state() {
        return state;
    }

    @Override
    public ErrorInfo lastError() {
        return lastError;
    }

    @Override
    public McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments, CallHandle handle) {
        long number = sessionNumber;
        handle.ranOnSession(number);
        Request request = new Request(tool, arguments, number, handle.wantsProgress());
        requests.add(request);
        try {
            if (state == ServerState.CLOSED) {
                throw new SwitchboardException(ErrorCode.SHUTTING_DOWN, name(), tool,
                        "server '" + name() + "' is closed", null);
            }
            if (state != ServerState.READY) {
                throw new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE, name(), tool,
                        "server '" + name() + "' is " + state, null);
            }
            CompletableFuture<Object> cancelled = new CompletableFuture<>();
            handle.attach(cancelled);
            if (cancelled.isDone()) {
                throw handle.notSent();
            }
            McpSchema.CallToolResult result = next(tool).answer(new Exchange(tool, arguments, handle, request,
                    cancelled));
            handle.released();
            return result;
        } catch (SwitchboardException e) {
            request.error = e;
            throw e;
        }
    }

    private Answer next(String tool) {
        Deque<Answer> script = scripts.get(tool);
        if (script == null) {
            return echo();
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public boolean awaitSessionAfter(long after, Duration max) throws InterruptedException {
        waits.add(new Wait(after, max));
        ServerState st = state;
        if (st == ServerState.FAILED || st == ServerState.DISABLED || st == ServerState.CLOSED) {
            return false;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return onWait.await(this, after, max);
    }

    private static boolean letTheWaitPass(FakeToolSession s, long after, Duration max) {
        if (s.state == ServerState.READY && s.sessionNumber > after) {
            return true;
        }
        s.clock.advance(max);
        return false;
    }

    /** Lets {@code wait} pass on the clock, then a new session is ready. */
    public static SessionWait newSessionAfter(Duration wait) {
        return (s, after, max) -> {
            if (wait.compareTo(max) > 0) {
                return letTheWaitPass(s, after, max);
            }
            s.clock.advance(wait);
            s.newSession();
            return true;
        };
    }

    // ---- Answers ----

    /** Answers with the arguments as text, at once. */
    public static Answer echo() {
        return x -> {
            x.send();
            return result(String.valueOf(x.arguments()), false);
        };
    }

    /** Answers with this text, at once. */
    public static Answer answers(String text) {
        return x -> {
            x.send();
            return result(text, false);
        };
    }

    /** Works for {@code d} (on the clock), then answers as {@code then} does. */
    public static Answer takes(Duration d, Answer then) {
        return x -> {
            x.send();
            x.take(d);
            return then.answer(x);
        };
    }

    /** The tool's own error: a result with {@code isError}. */
    public static Answer toolError(String message) {
        return x -> {
            x.send();
            return result(message, true);
        };
    }

    /** A JSON-RPC error answer from a working server. */
    public static Answer rpcError(int code, String message) {
        return x -> {
            x.send();
            throw x.failed(new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null)));
        };
    }

    /** The request went out, then the connection failed with {@code code} (the server may have acted on it). */
    public static Answer failsAfterSending(ErrorCode code) {
        return x -> {
            x.send();
            throw x.failed(code);
        };
    }

    /** The request failed with {@code code} before it went out (the server certainly did not see it). */
    public static Answer failsUnsent(ErrorCode code) {
        return x -> {
            throw x.failed(code);
        };
    }

    /** Never answers: time runs on until the call's deadline, at once. */
    public static Answer silent() {
        return x -> {
            x.send();
            x.take(Duration.ofDays(365));
            throw new AssertionError("a silent server outlived the call's deadline");
        };
    }

    /** Never answers, and waits for what ends the call: the test moving the clock, a cancellation, an interrupt. */
    public static Answer hangs() {
        return x -> {
            x.send();
            x.hang();
            throw new AssertionError("unreachable");
        };
    }

    /** Reports {@code steps} steps {@code interval} apart (when the request carries a token), then answers. */
    public static Answer reportsProgress(int steps, Duration interval) {
        return x -> {
            x.send();
            for (int i = 1; i <= steps; i++) {
                x.take(interval);
                x.progress(i, (double) steps, "step " + i + "/" + steps);
            }
            return result("done after " + steps + " steps", false);
        };
    }

    public static McpSchema.CallToolResult result(String text, boolean isError) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(isError).build();
    }

    /** A tool the session lists, with its hints. */
    public static McpSchema.Tool tool(String name, boolean readOnly, boolean idempotent) {
        return McpSchema.Tool.builder(name, Map.of("type", "object"))
                .annotations(new McpSchema.ToolAnnotations(null, readOnly, false, idempotent, null, null)).build();
    }

    /** One request in the fake server, and what it can do with it. */
    public final class Exchange {
        private final String tool;
        private final Map<String, Object> arguments;
        private final CallHandle handle;
        private final Request request;
        private final CompletableFuture<Object> cancelled;
        private Object id;

        private Exchange(String tool, Map<String, Object> arguments, CallHandle handle, Request request,
                CompletableFuture<Object> cancelled) {
            this.tool = tool;
            this.arguments = arguments;
            this.handle = handle;
            this.request = request;
            this.cancelled = cancelled;
        }

        public Map<String, Object> arguments() {
            return arguments;
        }

        /** The request goes out (once); a request abandoned before fails as the transport fails it. */
        public void send() {
            if (id != null) {
                return;
            }
            Object next = ids.incrementAndGet();
            if (!handle.sending(next)) {
                throw handle.notSent();
            }
            id = next;
            request.sent = true;
        }

        /** The server works for {@code d}; the caller gives up if its deadline comes first, or if it is cancelled. */
        public void take(Duration d) {
            checkEnded();
            long left = handle.deadline().remainingNanos();
            if (d.toNanos() >= left) {
                clock.advance(Duration.ofNanos(Math.max(0, left)));
                throw giveUp(timedOut());
            }
            clock.advance(d);
            checkEnded();
        }

        /** A progress report, delivered only when the request carries a token for it. */
        public void progress(double progress, Double total, String message) {
            if (request.progressToken) {
                handle.progress(new McpSchema.ProgressNotification("sb-" + id, progress, total, message), LogGate.ALL);
            }
        }

        /** Waits, as the caller does, until the deadline passes (the test moves the clock), a cancel or interrupt. */
        public void hang() {
            Thread me = Thread.currentThread();
            cancelled.whenComplete((v, e) -> LockSupport.unpark(me));
            hanging.incrementAndGet();
            signal();
            try {
                while (true) {
                    long seen = clock.nanoTime();
                    checkEnded();
                    clock.awaitMove(this, seen);
                }
            } finally {
                hanging.decrementAndGet();
                signal();
            }
        }

        private void checkEnded() {
            if (cancelled.isDone()) {
                throw giveUp(handle.cancelReason());
            }
            if (handle.deadline().remainingNanos() <= 0) {
                throw giveUp(timedOut());
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw giveUp(new SwitchboardException(ErrorCode.CANCELLED, name(), tool,
                        "call to server '" + name() + "' was interrupted", null));
            }
        }

        private SwitchboardException timedOut() {
            return classifier.classify(new TimeoutException(), "tools/call", tool, handle.deadline().elapsed());
        }

        /** The caller gave up: a request that went out is cancelled on the server. */
        private SwitchboardException giveUp(SwitchboardException why) {
            Object sentId = handle.abandon();
            if (sentId != null) {
                request.cancelledOnServer = handle.cancelWords() != null ? handle.cancelWords() : why.code().name();
            }
            return why;
        }

        /** The server or the connection answered with a failure: nothing is left to cancel. */
        public SwitchboardException failed(ErrorCode code) {
            handle.released();
            return new SwitchboardException(code, name(), tool, "server '" + name() + "' failed: " + code, null);
        }

        public SwitchboardException failed(Throwable t) {
            handle.released();
            return classifier.classify(t, "tools/call", tool, handle.deadline().timeout());
        }
    }
}
