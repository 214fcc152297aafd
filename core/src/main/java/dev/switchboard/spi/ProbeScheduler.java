package dev.switchboard.spi;

import java.time.Duration;

/**
 * Decides when health probes run; injected so that tests run probes when they choose instead of waiting for time to
 * pass. The default runs each server's probes on a virtual thread of its own.
 */
public interface ProbeScheduler {

    /** Runs {@code probe} every {@code interval}, and soon after {@link Ticket#wake}, until the ticket is closed. */
    Ticket start(String server, Duration interval, Runnable probe);

    /** The probes of one server. */
    interface Ticket extends AutoCloseable {
        /** Asks for a probe soon, without waiting for the interval (a session just became ready). */
        void wake();

        /** Stops probing; returns once no probe of this ticket runs any more. */
        @Override
        void close();
    }

    /** One virtual thread per server, named {@code switchboard-health-<server>}. */
    static ProbeScheduler virtualThreads() {
        return VirtualThreadProbes::new;
    }
}
