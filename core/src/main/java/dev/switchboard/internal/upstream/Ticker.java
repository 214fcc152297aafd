package dev.switchboard.internal.upstream;

/**
 * Where the call path reads the time: {@link #SYSTEM} ({@link System#nanoTime()}) in production, a clock moved by
 * hand in tests of deadlines and backoff, which then never wait for real time.
 *
 * <p>Held in a final field by whoever reads it, so that it costs a field read and no allocation per call; only
 * {@link #SYSTEM} is ever loaded outside tests, so the JIT inlines the call.
 */
@FunctionalInterface
public interface Ticker {
    /** The real one. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();
}
