package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.StdioServer;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio client transport that owns its server process: one transport, one process lifetime.
 *
 * <p>Differences from the SDK's {@code StdioClientTransport}, each closing a gap it leaves: the child gets a filtered
 * environment ({@link ChildEnvironment}); a missing command fails with {@code PROCESS_START_FAILED} naming what to
 * check; a line on stdout that is not JSON-RPC is logged and skipped instead of ending the session; the process's
 * exit is noticed at once and fails every pending request immediately ({@link StdioInFlight}) and every later send;
 * closing ends the whole process tree with bounded waits ({@link ChildProcess#terminate}).
 *
 * <p>Inbound messages are handed to the session on the stdout reader's virtual thread, in order ({@link StdioInbound}).
 */
final class StdioProcessTransport implements McpClientTransport, AutoCloseable {
    private enum State { NEW, RUNNING, EXITED, CLOSING, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(StdioProcessTransport.class);

    private final StdioServer config;
    private final String name;
    private final McpJsonMapper mapper;
    private final StdioTimings timings;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final ReentrantLock startLock = new ReentrantLock();
    private final StdioInFlight inFlight = new StdioInFlight();
    private final CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private volatile Thread closer;
    private volatile Thread stdoutPump;
    private volatile Thread exitReporter;
    private final StdioInbound inbound;
    private final Masker masker;
    private final LogGate gate;
    private volatile Consumer<Throwable> exceptionHandler = t -> { };
    private volatile Consumer<SwitchboardException> exitSeen = e -> { };
    private volatile ChildProcess child;
    private volatile StdioWriter writer;
    private volatile SwitchboardException startFailure;

    /** A transport for this server with the SDK's default JSON mapper and the configured shutdown grace. */
    StdioProcessTransport(StdioServer config, Masker masker, LogGate gate) {
        this(config, McpJsonDefaults.getMapper(), StdioTimings.of(config), masker, gate);
    }

    /**
     * @param masker masks secrets in what the process writes before it is logged or quoted in an error
     * @param gate the instance's log gate, for the transport, its process and what the process writes
     */
    StdioProcessTransport(StdioServer config, McpJsonMapper mapper, StdioTimings timings, Masker masker,
            LogGate gate) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.masker = Objects.requireNonNull(masker, "masker");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.inbound = new StdioInbound(name, mapper, inFlight, masker, gate);
    }

    /**
     * Starts the process now, on the calling thread; does nothing when it already runs. Lets the owner see a start
     * failure as it happens: through {@link #connect} the SDK session only logs it.
     *
     * @throws SwitchboardException {@code PROCESS_START_FAILED} when it cannot start; {@code SERVER_UNAVAILABLE}
     *     when the transport is closed
     */
    void start() {
        startLock.lock();
        try {
            if (startFailure != null) {
                throw startFailure;
            }
            State now = state.get();
            if (now == State.CLOSING || now == State.CLOSED) {
                throw closedException();
            }
            if (now == State.NEW) {
                launch();
            }
        } finally {
            startLock.unlock();
        }
    }

    private void launch() {
        try {
            child = ChildProcess.start(config, masker, gate);
        } catch (SwitchboardException e) {
            startFailure = e;
            throw e;
        }
        writer = new StdioWriter(name, child.stdin(), this::requestNotWritten, inFlight::consumed);
        state.set(State.RUNNING);
        // Platform thread: see ChildProcess#startStderrPump.
        stdoutPump = Thread.ofPlatform().daemon().name("switchboard-stdio-" + name + "-stdout")
                .start(this::pumpStdout);
        child.onExit().thenRun(() -> exitReporter =
                Thread.ofVirtual().name("switchboard-stdio-" + name + "-exit").start(this::onProcessExit));
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        Objects.requireNonNull(handler, "handler");
        return Mono.fromRunnable(() -> {
            // Installed before the start so the first line the server prints has somewhere to go. A later connect
            // (the SDK makes a new session after a failed initialisation) takes over the running process.
            inbound.setHandler(handler);
            start();
            if (state.get() == State.EXITED) {
                throw exitedException();
            }
        });
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Calls {@code listener} once the process has exited, at once if it already has. An unexpected exit is
     * reported before pending requests are failed, so the owner can mark the server down first.
     */
    void onExit(Consumer<ProcessExit> listener) {
        Objects.requireNonNull(listener, "listener");
        exit.thenAccept(report -> {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                gate.warn(log, LogEvents.UPSTREAM_STDIO_EXIT_LISTENER_FAILED).addKeyValue("server", name)
                        .setCause(e).log();
            }
        });
    }

    /**
     * Calls {@code listener} the moment the process is seen to have exited unexpectedly, before its last output is
     * read and the exit is reported (see {@link #onExit}); on the thread that saw it.
     */
    void onExitSeen(Consumer<SwitchboardException> listener) {
        this.exitSeen = Objects.requireNonNull(listener, "listener");
    }

    /** The process id, or -1 before the start. */
    long pid() {
        ChildProcess c = child;
        return c == null ? -1 : c.pid();
    }

    /** The last lines the process wrote to stderr (empty before the start). */
    List<String> stderrTail() {
        ChildProcess c = child;
        return c == null ? List.of() : c.stderrTail().lines();
    }

    /** Whether messages can be sent: started, not exited, not closed. */
    /** What the server wrote so far that is not JSON-RPC. */
    InvalidOutput invalidOutput() {
        return inbound.invalidOutput();
    }

    /** Whether the last line the server wrote was not JSON-RPC, and no message came after it. */
    boolean garbledNow() {
        return inbound.garbledNow();
    }

    /** Who is told of each line the server writes that is not JSON-RPC. */
    void onInvalidOutput(Consumer<InvalidOutput> listener) {
        inbound.onInvalidOutput(listener);
    }

    /** Requests written and not answered yet; for tests of this package. */
    int pendingIds() {
        return inFlight.size();
    }

    boolean isOpen() {
        return state.get() == State.RUNNING;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.defer(() -> {
            SwitchboardException refusal = refusal();
            if (refusal != null && message instanceof JSONRPCResponse answer) {
                // An answer to a request the server made while it was being closed (or after it exited) has no one
                // left to read it; the SDK would log its refusal as a warning with a stack trace.
                gate.debug(log, LogEvents.UPSTREAM_STDIO_ANSWER_DROPPED).addKeyValue("server", name)
                        .addKeyValue("id", answer.id()).log();
                return Mono.empty();
            }
            if (refusal != null) {
                return Mono.error(refusal);
            }
            byte[] line;
            try {
                line = toLine(message);
            } catch (IOException e) {
                return Mono.error(new SwitchboardException(ErrorCode.INTERNAL, name, null,
                        "could not serialise a message for stdio server '" + name + "': " + e.getMessage(), e));
            }
            Object id = message instanceof JSONRPCRequest request ? request.id() : null;
            StdioInFlight.Pending pending = null;
            if (id != null) {
                pending = inFlight.sent(id, ((JSONRPCRequest) message).method());
                // The process may have exited between the check above and now; whoever removes the id answers it.
                if (state.get() != State.RUNNING && inFlight.remove(id)) {
                    return Mono.error(Objects.requireNonNullElseGet(refusal(), this::closedException));
                }
            }
            if (id != null) {
                // The caller waits for the answer, not for the write: a failed write answers it (requestNotWritten).
                Throwable refused = writer.writeRequest(line, pending);
                return refused == null || !inFlight.remove(id) ? Mono.empty() : Mono.error(notWritten(refused));
            }
            return Mono.fromFuture(writer.write(line)).onErrorMap(this::notWritten);
        });
    }

    private void requestNotWritten(Object id, Throwable error) {
        String method = inFlight.take(id);
        if (method != null) { // else already answered, by the exit's failure say
            SwitchboardException e = notWritten(error);
            inbound.deliver(StdioInFlight.failure(id, method, e.code(), e.getMessage()));
        }
    }

    private SwitchboardException notWritten(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SwitchboardException e) {
            return e;
        }
        return new SwitchboardException(ErrorCode.PROCESS_EXITED, name, null, "could not write to stdin of "
                + "stdio server '" + name + "': " + cause.getMessage() + "; the process is exiting or closed stdin",
                cause);
    }

    /**
     * Answers a pending request on the server's behalf (an abandoned call), unless its real answer or another
     * made-up one came first.
     */
    void answerLocally(JSONRPCResponse answer) {
        if (inFlight.remove(answer.id())) {
            inbound.deliver(answer);
        }
    }

    private SwitchboardException refusal() {
        return switch (state.get()) {
            case RUNNING -> null;
            case NEW -> startFailure != null ? startFailure : new SwitchboardException(ErrorCode.INTERNAL, name,
                    "stdio server '" + name + "' is not connected yet (connect() or start() first)");
            case EXITED -> exitedException();
            case CLOSING, CLOSED -> closedException();
        };
    }

    private SwitchboardException exitedException() {
        ProcessExit report = exit.getNow(null);
        if (report == null) {
            ChildProcess c = child;
            report = new ProcessExit(name, c.pid(), c.exitCode(), c.stderrTail().lines(), false);
        }
        return report.toException();
    }

    private SwitchboardException closedException() {
        return new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE, name,
                "stdio server '" + name + "' is closed; a new connection is needed to use it again");
    }

    private byte[] toLine(JSONRPCMessage message) throws IOException {
        String json = mapper.writeValueAsString(message);
        // A JSON string cannot hold a raw line break, so one here is whitespace (a pretty-printing mapper): a blank
        // keeps the JSON valid and on one line. Escaping it as "\n", as the SDK does, would make it invalid.
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            json = json.replace('\n', ' ').replace('\r', ' ');
        }
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void pumpStdout() {
        try (InputStream stdout = child.stdout()) {
            // The server talks, so the process it really is (npx's grandchild, say) exists by now: remember it, so
            // it can still be found and killed after its parent dies.
            inbound.pump(stdout, child::snapshotDescendants);
            if (state.get() == State.RUNNING) {
                Waits.await(child.onExit(), timings.drainWait());
                if (child.isAlive()) {
                    gate.warn(log, LogEvents.UPSTREAM_STDIO_STDOUT_CLOSED).addKeyValue("server", name).log();
                }
            }
        } catch (IOException e) {
            gate.debug(log, LogEvents.UPSTREAM_STDIO_STDOUT_FAILED).addKeyValue("server", name)
                    .addKeyValue("error", e.toString()).log();
        } finally {
            stdoutDone.complete(null);
        }
    }

    private void onProcessExit() {
        if (!state.compareAndSet(State.RUNNING, State.EXITED)) {
            return; // our own close reports the exit
        }
        // Said at once, before waiting for the last output: no new request may go to a process that is gone.
        exitSeen.accept(new SwitchboardException(ErrorCode.PROCESS_EXITED, name, "stdio server '" + name + "' (pid "
                + child.pid() + ") exited with code " + child.exitCode()));
        drainOutput();
        ProcessExit report = new ProcessExit(name, child.pid(), child.exitCode(), child.stderrTail().lines(), false);
        SwitchboardException failure = report.toException();
        gate.warn(log, LogEvents.UPSTREAM_STDIO_EXITED).addKeyValue("server", name).addKeyValue("pid", report.pid())
                .addKeyValue("exit_code", report.exitCode()).addKeyValue("pending", inFlight.size()).log();
        writer.stop(() -> failure);
        exit.complete(report);
        notifyExceptionHandler(failure);
        failInFlight(ErrorCode.PROCESS_EXITED, report.message());
        child.terminate(timings); // descendants it left behind
    }

    private void drainOutput() {
        Waits.await(CompletableFuture.allOf(stdoutDone, child.stderrDrained()), timings.drainWait());
    }

    private void notifyExceptionHandler(Throwable failure) {
        try {
            exceptionHandler.accept(failure);
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.UPSTREAM_STDIO_EXCEPTION_HANDLER_FAILED).addKeyValue("server", name)
                    .setCause(e).log();
        }
    }

    private void failInFlight(ErrorCode code, String message) {
        inFlight.failAll(code, message).forEach(inbound::deliver);
    }

    @Override
    public Mono<Void> closeGracefully() {
        // A copy, so that one subscriber cancelling does not cancel the close others wait for.
        return Mono.defer(() -> Mono.fromFuture(closeAsync().copy()));
    }

    /** Closes and waits until the process tree is gone (bounded by the timings). Idempotent, thread-safe. */
    @Override
    public void close() {
        Waits.await(closeAsync(), timings.closeBound().plus(timings.drainWait().multipliedBy(4)));
        joinCloser();
    }

    // The close thread completes `closed` as its last act and ends a moment later; whoever waits for close() must
    // not see it still alive, or "nothing of ours is left after close" would be true only eventually.
    private void joinCloser() {
        Thread t = closer;
        if (t == null || t == Thread.currentThread() || !closed.isDone()) {
            return;
        }
        Waits.join(t, timings.drainWait());
    }

    private CompletableFuture<Void> closeAsync() {
        if (closeStarted.compareAndSet(false, true)) {
            closer = Thread.ofVirtual().name("switchboard-stdio-" + name + "-close").start(this::doClose);
        }
        return closed;
    }

    private void doClose() {
        long startedNanos = System.nanoTime();
        State previous;
        startLock.lock();
        try {
            previous = state.getAndSet(State.CLOSING);
        } finally {
            startLock.unlock();
        }
        try {
            if (child != null) {
                closeProcess(previous, startedNanos);
            }
        } catch (RuntimeException e) {
            gate.warn(log, LogEvents.UPSTREAM_STDIO_CLOSE_FAILED).addKeyValue("server", name).setCause(e).log();
        } finally {
            state.set(State.CLOSED);
            closed.complete(null);
        }
    }

    private void closeProcess(State previous, long startedNanos) {
        SwitchboardException closedFailure = closedException();
        writer.stop(() -> closedFailure);
        boolean treeGone = child.terminate(timings);
        drainOutput();
        if (previous == State.RUNNING) {
            int code = child.isAlive() ? -1 : child.exitCode();
            exit.complete(new ProcessExit(name, child.pid(), code, child.stderrTail().lines(), true));
        } else {
            // The exit watch is reporting an exit that came first; let it finish before saying we are closed.
            Waits.await(exit, timings.drainWait().multipliedBy(2));
        }
        failInFlight(ErrorCode.SERVER_UNAVAILABLE, closedFailure.getMessage());
        // They have finished their work by now (or are stuck behind a grandchild's pipe, hence the bound); joined
        // so that none of them is still alive when close() returns.
        for (Thread t : new Thread[] {stdoutPump, exitReporter, writer.thread()}) {
            if (t != null) {
                Waits.join(t, timings.drainWait());
            }
        }
        gate.info(log, LogEvents.UPSTREAM_STDIO_CLOSED).addKeyValue("server", name).addKeyValue("pid", child.pid())
                .addKeyValue("exit_code", exit.isDone() ? exit.join().exitCode() : null)
                .addKeyValue("tree_gone", treeGone)
                .addKeyValue("duration_ms", Duration.ofNanos(System.nanoTime() - startedNanos).toMillis()).log();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
