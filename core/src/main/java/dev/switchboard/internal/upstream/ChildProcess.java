package dev.switchboard.internal.upstream;

import dev.switchboard.config.StdioServer;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.observe.Masker;
import dev.switchboard.internal.observe.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One running server process: started with a filtered environment, its stderr pumped into the log and a
 * {@link StderrTail}, its whole process tree ended on {@link #terminate}.
 *
 * <p>Owns the process's lifetime but not its stdin/stdout protocol; the transport reads and writes those.
 */
final class ChildProcess {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Logger stderrLog = LoggerFactory.getLogger("dev.switchboard.internal.upstream.stderr");
    private static final int MAX_STDERR_LINE_CHARS = 4096;

    private final String server;
    private final Process process;
    private final ChildProcessTree tree;
    private final Masker masker;
    private final LogGate gate;
    private final StderrTail stderrTail;
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final ReentrantLock terminateLock = new ReentrantLock();
    private final CompletableFuture<Process> exited = new CompletableFuture<>();
    private final Thread waiter;

    private ChildProcess(String server, Process process, Masker masker, LogGate gate) {
        this.server = server;
        this.masker = masker;
        this.gate = gate;
        this.stderrTail = new StderrTail(masker);
        this.process = process;
        this.tree = new ChildProcessTree(process.toHandle());
        // Process.onExit() completes through the common ForkJoinPool: an application that keeps that pool busy with
        // blocking work would hide a dead server. A thread of our own waits for the exit instead.
        // A platform thread: Process.waitFor waits on a monitor, which pins a virtual thread's carrier on JDK 21.
        this.waiter = Thread.ofPlatform().daemon().name("switchboard-stdio-" + server + "-wait").start(this::awaitExit);
    }

    private void awaitExit() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        exited.complete(process);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the server's process.
     *
     * @throws dev.switchboard.SwitchboardException with {@code PROCESS_START_FAILED} when the command cannot be
     *     found or run, or the working directory is not usable
     */
    static ChildProcess start(StdioServer config, Masker masker, LogGate gate) {
        String server = config.name();
        Map<String, String> env = ChildEnvironment.of(config);
        Path dir = ChildCommand.workingDirectory(server, config.cwd());
        Path executable = ChildCommand.resolve(server, config.command(), env, dir);
        List<String> command = new ArrayList<>(1 + config.args().size());
        command.add(executable.toString());
        command.addAll(config.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        ChildEnvironment.applyTo(builder, env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            throw ChildCommand.failed(server, "'" + executable + "' failed to start: " + e.getMessage()
                    + "; check that it is a program this system can run");
        }
        ChildProcess child = new ChildProcess(server, process, masker, gate);
        ChildProcessShutdownHook.watch(child.tree);
        child.startStderrPump();
        gate.info(log, LogEvents.UPSTREAM_STDIO_STARTED).addKeyValue("server", server)
                .addKeyValue("pid", process.pid()).addKeyValue("command", executable)
                .addKeyValue("args", Redactor.args(config.args()).stream().map(masker::mask).toList()).log();
        return child;
    }

    long pid() {
        return process.pid();
    }

    String server() {
        return server;
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    StderrTail stderrTail() {
        return stderrTail;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process (not necessarily its descendants) has exited. */
    CompletableFuture<Process> onExit() {
        return exited;
    }

    /** The exit code; only valid once the process has exited. */
    int exitCode() {
        return process.exitValue();
    }

    /** Completes when stderr has been read to its end, so the tail holds the process's last words. */
    CompletableFuture<Void> stderrDrained() {
        return stderrDone;
    }

    /**
     * Ends the process and everything it started: closes stdin and gives the process {@code timings.shutdownGrace}
     * to exit; then SIGTERM to the tree, then SIGKILL to what is left. Bounded by {@link StdioTimings#closeBound()};
     * safe to call concurrently and more than once (later callers wait for the first).
     *
     * @return whether the whole tree is gone
     */
    boolean terminate(StdioTimings timings) {
        terminateLock.lock();
        try {
            // Closed even when the process is gone: a surviving grandchild that shares the pipe then sees EOF.
            Thread stdinCloser = closeStdinInBackground();
            if (process.isAlive()) {
                tree.snapshot();
                Waits.await(exited, timings.shutdownGrace());
            }
            boolean gone = tree.terminate(timings.termWait(), timings.reapWait());
            Waits.join(stdinCloser, timings.reapWait()); // the kill has unblocked it, if it was stuck
            if (Thread.currentThread() != waiter) { // exit callbacks may close from the waiter itself
                Waits.join(waiter, timings.reapWait()); // nothing of this process outlives its close
            }
            if (gone) {
                ChildProcessShutdownHook.release(tree);
            } else {
                gate.warn(log, LogEvents.UPSTREAM_STDIO_NOT_KILLED).addKeyValue("server", server)
                        .addKeyValue("pids", tree.alive().stream().map(ProcessHandle::pid).toList()).log();
            }
            return gone;
        } finally {
            terminateLock.unlock();
        }
    }

    /** Remembers the processes the server started so far, so they are found even after it dies. */
    void snapshotDescendants() {
        if (process.isAlive()) {
            tree.snapshot();
        }
    }

    // Closing stdin can block behind a writer stuck on a full pipe (the stream's lock); the grace wait that follows
    // must not depend on it, so the close runs on its own thread. A kill unblocks that writer.
    private Thread closeStdinInBackground() {
        return Thread.ofVirtual().name("switchboard-stdio-" + server + "-stdin-close").start(() -> {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                gate.debug(log, LogEvents.UPSTREAM_STDIO_STDIN_CLOSE_FAILED).addKeyValue("server", server)
                        .addKeyValue("error", e.toString()).log();
            }
        });
    }

    private void startStderrPump() {
        // A platform thread: a blocking pipe read pins a virtual thread's carrier, and two pinned pumps can starve
        // every virtual thread of a two-core machine.
        Thread.ofPlatform().daemon().name("switchboard-stdio-" + server + "-stderr").start(this::pumpStderr);
    }

    private void pumpStderr() {
        try (InputStream stderr = process.getErrorStream()) {
            var reader = new StdioLineReader(new InputStreamReader(stderr, StandardCharsets.UTF_8),
                    MAX_STDERR_LINE_CHARS);
            String line;
            while ((line = reader.readLine()) != null) {
                stderrTail.add(line);
                // Scrubbing costs: skip it for a line nobody logs.
                if (gate.allows(Level.INFO) && stderrLog.isInfoEnabled()) {
                    gate.info(stderrLog, LogEvents.UPSTREAM_STDERR).addKeyValue("server", server)
                            .addKeyValue("line", masker.mask(line)).log();
                }
            }
        } catch (IOException e) {
            // The stream is closed under us when the process is torn down; nothing is lost that matters.
            gate.debug(log, LogEvents.UPSTREAM_STDIO_STDERR_CLOSED).addKeyValue("server", server)
                    .addKeyValue("error", e.toString()).log();
        } finally {
            stderrDone.complete(null);
        }
    }
}
