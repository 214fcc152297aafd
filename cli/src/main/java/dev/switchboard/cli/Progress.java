package dev.switchboard.cli;

import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code connecting... 2/3 settled} line on stderr, rewritten in place while servers connect. Only on a
 * terminal: piped or redirected output never sees carriage returns, and stdout never sees it at all.
 */
final class Progress {
    private final PrintWriter err;
    private final int servers;
    private final Map<String, ServerState> states = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private int lastWidth;

    private Progress(PrintWriter err, int servers) {
        this.err = err;
        this.servers = servers;
    }

    /** Progress on {@code err} when this process talks to a terminal, else null. */
    static Progress onTerminal(PrintWriter err, int servers) {
        return isTerminal() ? new Progress(err, servers) : null;
    }

    /** Records a server's new state and redraws the line. */
    void update(ServerStatus status) {
        states.put(status.name(), status.state());
        long settled = states.values().stream().filter(Progress::settled).count();
        long ready = states.values().stream().filter(s -> s == ServerState.READY).count();
        draw("connecting... " + settled + "/" + servers + " settled, " + ready + " ready");
    }

    /** Erases the line, so that the report starts on a clean line. */
    void clear() {
        draw("");
    }

    private void draw(String text) {
        lock.lock();
        try {
            String padding = " ".repeat(Math.max(0, lastWidth - text.length()));
            err.print("\r" + text + padding + (text.isEmpty() ? "\r" : ""));
            err.flush();
            lastWidth = text.length();
        } finally {
            lock.unlock();
        }
    }

    // RETRYING counts as settled: after its startup attempts a server keeps retrying in the background.
    private static boolean settled(ServerState s) {
        return s != ServerState.CONNECTING;
    }

    /** Whether stdin/stdout are a terminal (the JDK's only portable test); JDK 22+ can say so exactly. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
