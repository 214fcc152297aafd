package dev.switchboard.it;

import dev.switchboard.spi.ProbeScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs health probes only when the test says so, on the test's thread: no timer decides when a probe runs. */
final class ManualProbes implements ProbeScheduler {
    private final Map<String, Runnable> probes = new ConcurrentHashMap<>();

    @Override
    public Ticket start(String server, Duration interval, Runnable probe) {
        probes.put(server, probe);
        return new Ticket() {
            @Override
            public void wake() {
                // The test decides when probes run.
            }

            @Override
            public void close() {
                probes.remove(server, probe);
            }
        };
    }

    /** Runs one probe of a server now and returns when it has finished. */
    void probe(String server) {
        Runnable p = probes.get(server);
        if (p == null) {
            throw new IllegalStateException("no probes scheduled for " + server);
        }
        p.run();
    }
}
