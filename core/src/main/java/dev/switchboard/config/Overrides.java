package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings given outside the file: {@code key=value} assignments to paths of the normalised tree, from the
 * {@code SWITCHBOARD_SET} environment variable and from {@link ConfigLoader.Builder#override}.
 *
 * <p>A value is read as YAML, so {@code false}, {@code 10}, {@code 5s} and {@code [a, b]} have their YAML types; an
 * empty value or {@code null} removes the key (its default applies again).
 */
final class Overrides {
    static final String ENV_VAR = "SWITCHBOARD_SET";
    private static final String EXPECTED_PATH = "expected: a dotted path like servers.api.enabled";

    /** One assignment, remembering where it came from for messages. */
    record Assignment(String origin, String path, String value) {
    }

    private Overrides() {
    }

    /** Splits {@code key=value} entries separated by {@code ;} or newlines. */
    static List<Assignment> parseAll(String origin, String text, Problems problems) {
        List<Assignment> out = new ArrayList<>();
        int n = 0;
        for (String entry : text.split("[;\\r\\n]")) {
            n++;
            if (!entry.isBlank()) {
                parse(origin + " entry " + n, entry, problems).ifPresent(out::add);
            }
        }
        return out;
    }

    static Optional<Assignment> parse(String origin, String entry, Problems problems) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            // The entry is not quoted back: a secret typed without its key would be printed.
            problems.errorAsWritten(origin, "has no '=' (expected: key=value, e.g. servers.api.enabled=false)");
            return Optional.empty();
        }
        return Optional.of(new Assignment(origin, entry.substring(0, eq).trim(), entry.substring(eq + 1)));
    }

    /** A path too long to quote back: its start names it well enough. */
    private static String origin(Assignment a) {
        return a.path().length() > 60 ? a.path().substring(0, 57) + "..." : a.path();
    }

    /** Applies the assignments in order (a later one wins) and pins their paths in {@code paths}. */
    static void apply(Map<String, Object> root, List<Assignment> assignments, Problems problems, PathMap paths) {
        for (Assignment a : assignments) {
            if (set(root, a, problems)) {
                paths.pin(a.path());
            }
        }
    }

    /**
     * An override may change a server but not conjure one up: {@code servers.githbu.enabled=false} is a typo to
     * report, not a new server to add (which would leave github enabled).
     */
    private static boolean targetsExistingServer(Map<String, Object> root, String[] keys, Assignment a,
            Problems problems) {
        if (keys.length < 3 || !keys[0].equals("servers") || !(root.get("servers") instanceof Map<?, ?> servers)
                || servers.containsKey(keys[1])) {
            return true;
        }
        List<String> names = Tree.asMap(servers).keySet().stream().toList();
        String hint = Suggestions.hint(keys[1], names);
        problems.errorAsWritten(a.path(), "cannot be set by " + a.origin() + ": there is no server " + keys[1] + " ("
                + (hint.isEmpty() ? "" : hint + " ") + "expected: one of " + String.join(", ", names) + ")");
        return false;
    }

    private static boolean set(Map<String, Object> root, Assignment a, Problems problems) {
        String[] keys = a.path().split("\\.", -1);
        if (keys.length > Limits.NESTING) {
            // Each key is a level of maps, read recursively later: a bound like the file's own nesting.
            problems.errorAsWritten(origin(a), "cannot be set by " + a.origin() + ": the path has more than "
                    + Limits.NESTING + " keys (" + EXPECTED_PATH + ")");
            return false;
        }
        for (String key : keys) {
            if (key.isBlank()) {
                problems.errorAsWritten(a.path(), "cannot be set by " + a.origin() + ": the path has an empty key ("
                        + EXPECTED_PATH + ")");
                return false;
            }
        }
        if (!targetsExistingServer(root, keys, a, problems)) {
            return false;
        }
        Map<String, Object> map = root;
        String at = "";
        for (int i = 0; i < keys.length - 1; i++) {
            at = Tree.child(at, keys[i]);
            Object next = map.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map<?, ?> m)) {
                problems.errorAsWritten(a.path(), "cannot be set by " + a.origin() + ": " + at + " is "
                        + Tree.describe(next) + ", not a map (" + EXPECTED_PATH + ")");
                return false;
            }
            map = Tree.asMap(m);
        }
        Object value = TreeReader.readValue(a.value());
        if (value == null) {
            map.remove(keys[keys.length - 1]);
        } else {
            map.put(keys[keys.length - 1], value);
        }
        return true;
    }
}
