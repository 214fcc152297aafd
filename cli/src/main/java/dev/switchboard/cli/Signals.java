package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM turned into a call, for the duration of a command. Handling the signals, rather than a JVM
 * shutdown hook, lets the command shut down before the JVM starts exiting: the safety-net hook that kills leftover
 * server processes does not race the graceful shutdown, and the command exits 0. Where signals cannot be handled
 * (no such signal on the platform), the JVM's default behaviour stays.
 */
final class Signals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Signals() {
    }

    /** Calls {@code action} (once per signal) on SIGINT and SIGTERM until closed, which restores the handlers. */
    static Signals onTermination(Runnable action) {
        Signals s = new Signals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, sig -> action.run()));
                s.signals.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // This platform has no such signal, or the JVM reserves it: keep its default handling.
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
