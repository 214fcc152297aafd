package dev.switchboard.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads {@code orchestration:}: {@code fail_fast}, tool naming and argument validation, the gather
 * {@code failure_policy} and resource limits, and runtime control (state file, drain, watching the file, how long a
 * start waits).
 */
final class OrchestrationReader {
    static final List<String> KEYS = List.of("fail_fast", "name_separator", "validate_arguments", "failure_policy",
            "resources", "resolve", "state_file", "drain_timeout", "watch_config", "max_concurrent_calls",
            "startup_timeout");
    static final String EXPECTED = "a map with " + String.join(", ", KEYS);
    static final List<String> RESOURCE_KEYS = List.of("max_resource_bytes", "max_resources_per_server",
            "read_concurrency", "server_timeout", "gather_timeout");
    private static final List<String> RESOLVE_KEYS = List.of("fuzzy_threshold");

    private OrchestrationReader() {
    }

    static Orchestration read(Section o) {
        o.rejectUnknown(KEYS);
        boolean failFast = OptionsReader.or(o.bool("fail_fast"), false);
        Duration drain = o.duration("drain_timeout");
        if (drain != null && drain.isNegative()) {
            o.error("drain_timeout", Section.shown(o.raw("drain_timeout")) + " is negative (expected: 0s or more)");
            drain = null;
        }
        Integer maxCalls = o.integer("max_concurrent_calls", 1, Integer.MAX_VALUE, "1 or more");
        Orchestration.Builder b = Orchestration.builder().failFast(failFast).nameSeparator(separator(o));
        OptionsReader.set(o.bool("validate_arguments"), b::validateArguments);
        // fail_fast is also the default failure_policy: all-or-nothing for gathers as for startup.
        b.resources(resources(o, ResourcePolicy.builder().failurePolicy(failFast ? FailurePolicy.FAIL_FAST
                : FailurePolicy.BEST_EFFORT).build())).stateFile(stateFile(o));
        OptionsReader.set(drain, b::drainTimeout);
        OptionsReader.set(o.bool("watch_config"), b::watchConfig);
        OptionsReader.set(maxCalls, b::maxConcurrentCalls);
        OptionsReader.set(OptionsReader.positive(o, "startup_timeout"), b::startupTimeout);
        return b.build();
    }

    private static ResourcePolicy resources(Section o, ResourcePolicy base) {
        FailurePolicy policy = failurePolicy(o);
        Section r = o.section("resources", "a map with " + String.join(", ", RESOURCE_KEYS));
        r.rejectUnknown(RESOURCE_KEYS);
        Integer bytes = r.integer("max_resource_bytes", 1, Integer.MAX_VALUE, "a whole number of bytes, 1 or more");
        Integer count = r.integer("max_resources_per_server", 1, 1_000_000, "a whole number from 1 to 1000000");
        Integer reads = r.integer("read_concurrency", 1, 256, "a whole number from 1 to 256");
        Duration server = OptionsReader.positive(r, "server_timeout");
        Duration whole = OptionsReader.positive(r, "gather_timeout");
        Double threshold = fuzzyThreshold(o);
        ResourcePolicy.Builder b = base.toBuilder();
        OptionsReader.set(policy, b::failurePolicy);
        OptionsReader.set(bytes, n -> b.maxResourceBytes(n)); // read as an int, kept as a long
        OptionsReader.set(count, b::maxResourcesPerServer);
        OptionsReader.set(reads, b::readConcurrency);
        OptionsReader.set(server, b::serverTimeout);
        OptionsReader.set(whole, b::gatherTimeout);
        OptionsReader.set(threshold, b::fuzzyThreshold);
        return b.build();
    }

    private static Double fuzzyThreshold(Section o) {
        Section v = o.section("resolve", "a map with fuzzy_threshold");
        v.rejectUnknown(RESOLVE_KEYS);
        Double threshold = v.decimal("fuzzy_threshold", "a number above 0.0, at most 1.0");
        if (threshold != null && (threshold <= 0.0 || threshold > 1.0)) {
            v.error("fuzzy_threshold", threshold + " is out of range (expected: a number above 0.0, at most 1.0;"
                    + " 1.0 allows only exact and case-insensitive matches)");
            return null;
        }
        return threshold;
    }

    private static String separator(Section o) {
        String separator = o.string("name_separator");
        if (separator != null && !Orchestration.SEPARATOR.matcher(separator).matches()) {
            o.error("name_separator", Section.shown(separator) + " cannot join names (expected: "
                    + Orchestration.SEPARATOR_EXPECTED + "; qualified tool names allow only these characters)");
            separator = null;
        }
        return OptionsReader.or(separator, Orchestration.DEFAULT_NAME_SEPARATOR);
    }

    private static Path stateFile(Section o) {
        String file = o.string("state_file");
        if (file == null) {
            return null;
        }
        try {
            if (!file.isBlank()) {
                return Path.of(file);
            }
            o.error("state_file", "is blank (expected: a file path, e.g. switchboard-state.json)");
        } catch (InvalidPathException e) {
            o.error("state_file", "is not a valid path: " + e.getReason() + " (expected: a file path)");
        }
        return null;
    }

    private static FailurePolicy failurePolicy(Section o) {
        String text = o.string("failure_policy");
        if (text == null) {
            return null;
        }
        var parsed = FailurePolicy.parse(text);
        if (parsed.isEmpty()) {
            o.error("failure_policy", Section.shown(o.raw("failure_policy"))
                    + " is not a failure policy (expected: fail-fast or best-effort)");
        }
        return parsed.orElse(null);
    }
}
