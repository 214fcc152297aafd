package dev.switchboard.cli;

import dev.switchboard.ServerState;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code connecting... 2/3 settled, 1 ready} line on stderr, rewritten in place while servers connect. Only on a
 * terminal: piped or redirected output never sees carriage returns, and stdout never sees it at all. Log lines
 * written meanwhile erase it first and redraw it after, so the two never run into each other.
 */
final class Progress {
    private static volatile Progress active;

    private final PrintWriter err;
    private final int servers;
    private final Map<String, ServerState> states = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private String line = "";

    Progress(PrintWriter err, int servers) {
        this.err = err;
        this.servers = servers;
    }

    /** Progress on {@code err} when this process talks to a terminal, else null. */
    static Progress onTerminal(PrintWriter err, int servers) {
        if (!isTerminal()) {
            return null;
        }
        Progress p = new Progress(err, servers);
        active = p;
        return p;
    }

    /** Runs {@code write} (a log line) with the progress line, if any, out of its way. */
    static void aroundLog(Runnable write) {
        Progress p = active;
        if (p == null) {
            write.run();
            return;
        }
        p.lock.lock();
        try {
            p.erase();
            write.run();
            p.err.print(p.line);
            p.err.flush();
        } finally {
            p.lock.unlock();
        }
    }

    /** Records a server's new state and redraws the line. */
    void update(String server, ServerState state) {
        states.put(server, state);
        long settled = states.values().stream().filter(s -> s != ServerState.CONNECTING).count();
        long ready = states.values().stream().filter(s -> s == ServerState.READY).count();
        // RETRYING counts as settled: after its startup attempts a server keeps retrying in the background.
        draw("connecting... " + settled + "/" + servers + " settled, " + ready + " ready");
    }

    /** Erases the line for good, so that the report starts on a clean line. */
    void clear() {
        if (active == this) {
            active = null;
        }
        draw("");
    }

    private void draw(String text) {
        lock.lock();
        try {
            erase();
            line = text;
            err.print(text);
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    private void erase() {
        if (!line.isEmpty()) {
            err.print("\r" + " ".repeat(line.length()) + "\r");
        }
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
