package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

/** Reads the {@code health:} and {@code restart:} maps of a server or of {@code defaults:} on top of a base. */
final class HealthReader {
    static final List<String> HEALTH_KEYS = List.of("probe", "path", "interval", "timeout", "degraded_after",
            "unhealthy_after");
    static final List<String> RESTART_KEYS = List.of("max_restarts", "window", "stable_after");
    static final String HEALTH_EXPECTED = "a map with " + String.join(", ", HEALTH_KEYS);
    static final String RESTART_EXPECTED = "a map with " + String.join(", ", RESTART_KEYS);

    private HealthReader() {
    }

    /** A health policy from a possibly partial map; null (after reporting) when it is impossible. */
    static HealthPolicy health(Section h, HealthPolicy base) {
        h.rejectUnknown(HEALTH_KEYS);
        HealthPolicy.Probe probe = probe(h);
        String path = h.string("path");
        Duration interval = OptionsReader.positive(h, "interval");
        Duration timeout = OptionsReader.positive(h, "timeout");
        Duration degraded = OptionsReader.positive(h, "degraded_after");
        Integer unhealthy = h.integer("unhealthy_after", 1, 1000, "a whole number of failed probes, 1 or more");
        boolean broken = h.has("probe") && probe == null || h.has("interval") && interval == null
                || h.has("timeout") && timeout == null || h.has("degraded_after") && degraded == null
                || h.has("unhealthy_after") && unhealthy == null;
        HealthPolicy.Probe p = OptionsReader.or(probe, base.probe());
        String finalPath = OptionsReader.or(path, p == HealthPolicy.Probe.HTTP_GET ? base.path() : null);
        if (p == HealthPolicy.Probe.HTTP_GET && (finalPath == null || !finalPath.startsWith("/"))) {
            h.error(finalPath == null ? "probe" : "path", (finalPath == null ? "http-get needs a path"
                    : Section.shown(finalPath) + " is not a path") + " (expected: path: /health or similar,"
                    + " starting with /)");
            broken = true;
        } else if (path != null && p != HealthPolicy.Probe.HTTP_GET) {
            h.error("path", "is only used by the http-get probe (expected: probe: http-get, or no path)");
            broken = true;
        }
        Duration t = OptionsReader.or(timeout, base.timeout());
        Duration d = OptionsReader.or(degraded, base.degradedAfter());
        if (!broken && d.compareTo(t) >= 0) {
            h.error(degraded != null ? "degraded_after" : "timeout", "degraded_after " + Durations.format(d)
                    + " is not less than timeout " + Durations.format(t) + " (expected: degraded_after < timeout)");
            broken = true;
        }
        if (broken) {
            return null;
        }
        // The path is set even when null: another probe than http-get has none, whatever the base had.
        HealthPolicy.Builder b = base.toBuilder().probe(p).path(finalPath).timeout(t).degradedAfter(d);
        OptionsReader.set(interval, b::interval);
        OptionsReader.set(unhealthy, b::unhealthyAfter);
        return b.build();
    }

    private static HealthPolicy.Probe probe(Section h) {
        String text = h.string("probe");
        if (text == null) {
            return null;
        }
        return HealthPolicy.Probe.parse(text).orElseGet(() -> {
            h.error("probe", Section.shown(text) + " is not a probe (expected: ping, list-tools, http-get or none)");
            return null;
        });
    }

    /** A restart policy from a possibly partial map; null (after reporting) when it is impossible. */
    static RestartPolicy restart(Section r, RestartPolicy base) {
        r.rejectUnknown(RESTART_KEYS);
        Integer max = r.integer("max_restarts", 0, 1_000_000, "a whole number, 0 for no limit");
        Duration window = OptionsReader.positive(r, "window");
        Duration stable = OptionsReader.positive(r, "stable_after");
        if (r.has("max_restarts") && max == null || r.has("window") && window == null
                || r.has("stable_after") && stable == null) {
            return null;
        }
        RestartPolicy.Builder b = base.toBuilder();
        OptionsReader.set(max, b::maxRestarts);
        OptionsReader.set(window, b::window);
        OptionsReader.set(stable, b::stableAfter);
        return b.build();
    }
}
