package dev.switchboard.config;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the transport-independent settings of a server ({@link ServerOptions}, {@link RetryPolicy}) on top of a base:
 * the built-in defaults overlaid with the file's {@code defaults:} section.
 */
final class OptionsReader {
    static final List<String> RETRY_KEYS = List.of("attempts", "initial_backoff", "multiplier", "max_backoff",
            "jitter");
    static final String PRIORITY_EXPECTED = "a whole number from 1 to 999; lower wins";
    private static final String RETRY_EXPECTED = "a map with " + String.join(", ", RETRY_KEYS);
    private static final String LIST_EXAMPLE = "[sales, orders]";
    private static final String TOOLS_EXPECTED = "a map with include and/or exclude, lists of tool-name globs";

    private OptionsReader() {
    }

    /** The options a section sets, each falling back to {@code base}. */
    static ServerOptions read(Section s, ServerOptions base) {
        ServerOptions.Builder b = base.toBuilder();
        set(description(s), b::description);
        set(s.bool("enabled"), b::enabled);
        set(s.bool("required"), b::required);
        set(priority(s), b::priority);
        set(s.strings("domains", LIST_EXAMPLE), b::domains);
        set(s.strings("capabilities", "[execute_query, list_resources]"), b::capabilities);
        set(s.strings("aliases", "[db, warehouse]"), b::aliases);
        set(positive(s, "connect_timeout"), b::connectTimeout);
        Duration request = positive(s, "request_timeout");
        set(s.has("retry") ? retry(s.section("retry", RETRY_EXPECTED), base.retry()) : null, b::retry);
        set(s.has("tools") ? tools(s.section("tools", TOOLS_EXPECTED)) : null, b::tools);
        set(s.has("health") ? HealthReader.health(s.section("health", HealthReader.HEALTH_EXPECTED), base.health())
                : null, b::health);
        set(s.has("restart") ? HealthReader.restart(s.section("restart", HealthReader.RESTART_EXPECTED),
                base.restart()) : null, b::restart);
        CallPolicy calls = s.has("calls") ? CallsReader.read(s.section("calls", CallsReader.EXPECTED), base.calls())
                : null;
        Duration requestTimeout = or(request, base.requestTimeout());
        b.requestTimeout(requestTimeout).calls(callsWithin(s, or(calls, base.calls()), requestTimeout, base.calls()));
        set(roots(s), b::roots);
        set(s.has("session") ? GatewayReader.session(s, base.session()) : null, b::session);
        set(credentials(s), b::credentials);
        return b.build();
    }

    /** {@code credentials: shared | per_user}, or null (after reporting anything else). */
    private static CredentialsMode credentials(Section s) {
        String text = s.has("credentials") ? s.string("credentials") : null;
        if (text == null) {
            return null;
        }
        var mode = CredentialsMode.parse(text);
        if (mode.isEmpty()) {
            s.error("credentials", Section.shown(text) + " is not a credentials mode (expected: shared, or per_user"
                    + " for a server that every user reaches with their own token)");
        }
        return mode.orElse(null);
    }

    /** A priority from 1 to 999, or null (after reporting) when the file gives another number. */
    private static Integer priority(Section s) {
        Integer priority = s.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE, PRIORITY_EXPECTED);
        if (priority != null && (priority < 1 || priority > 999)) {
            s.error("priority", priority + " is out of range (expected: " + PRIORITY_EXPECTED + ")");
            return null;
        }
        return priority;
    }

    /** A {@code roots:} list of {@code {uri, name}}; a server's own list replaces the one from {@code defaults:}. */
    static List<Root> roots(Section s) {
        if (!s.has("roots")) {
            return null;
        }
        if (!(s.raw("roots") instanceof List<?> items)) {
            s.error("roots", Section.shown(s.raw("roots")) + " is not a list (expected: a list of {uri, name},"
                    + " e.g. [{uri: file:///home/me/project, name: project}])");
            return null;
        }
        List<Root> roots = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Section r = Section.of(items.get(i), Tree.index(s.path("roots"), i), s.problems(),
                    "a map with uri and optional name");
            if (!(items.get(i) instanceof java.util.Map<?, ?>)) {
                continue; // reported by Section.of
            }
            r.rejectUnknown(List.of("uri", "name"));
            String uri = r.string("uri");
            if (uri == null || uri.isBlank()) {
                r.error("uri", "is missing (expected: a URI like file:///home/me/project)");
                continue;
            }
            roots.add(new Root(uri, r.string("name")));
        }
        return roots;
    }

    /** A {@code tools:} filter; a server's own filter replaces the one from {@code defaults:} as a whole. */
    static ToolFilter tools(Section t) {
        t.rejectUnknown(List.of("include", "exclude"));
        List<String> include = globs(t, "include", "[get_*, search]");
        List<String> exclude = globs(t, "exclude", "[delete_*]");
        return include == null || exclude == null ? null : new ToolFilter(include, exclude);
    }

    private static List<String> globs(Section t, String key, String example) {
        List<String> globs = t.strings(key, example);
        if (globs == null) {
            return t.has(key) ? null : List.of();
        }
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).isBlank()) {
                t.problems().error(Tree.index(t.path(key), i), "is blank (expected: a tool name or a glob with *"
                        + " and ?, e.g. " + example + ")");
                return null;
            }
        }
        return globs;
    }

    /** A call's total limit cannot be below its default limit; reports it and keeps a valid policy. */
    private static CallPolicy callsWithin(Section s, CallPolicy calls, Duration requestTimeout, CallPolicy base) {
        if (calls.maxTotal().compareTo(requestTimeout) >= 0) {
            return calls;
        }
        s.error(s.has("calls") ? "calls.max_total" : "request_timeout", "calls.max_total "
                + Durations.format(calls.maxTotal()) + " is less than request_timeout "
                + Durations.format(requestTimeout) + " (expected: max_total >= request_timeout)");
        CallPolicy b = base.maxTotal().compareTo(requestTimeout) >= 0 ? base : CallPolicy.DEFAULT;
        return calls.toBuilder().maxTotal(requestTimeout.compareTo(b.maxTotal()) > 0 ? requestTimeout : b.maxTotal())
                .build();
    }

    /** {@code description}, or {@code name} as the legacy format calls it. */
    private static String description(Section s) {
        if (s.has("description") && s.has("name")) {
            s.error("name", "the server also has description (expected: one of name or description)");
        }
        return s.has("description") ? s.string("description") : s.string("name");
    }

    /** A retry policy from a possibly partial {@code retry:} map; null (after reporting) if it is impossible. */
    static RetryPolicy retry(Section r, RetryPolicy base) {
        r.rejectUnknown(RETRY_KEYS);
        Integer attempts = r.integer("attempts", Integer.MIN_VALUE, Integer.MAX_VALUE, "1 or more");
        Duration initial = positive(r, "initial_backoff");
        Double multiplier = r.decimal("multiplier", "1.0 or more");
        Duration max = positive(r, "max_backoff");
        Double jitter = r.decimal("jitter", "0.0 to 1.0");
        boolean ok = check(r, "attempts", attempts == null || attempts >= 1,
                attempts + " is less than 1 (expected: 1 or more; 1 means no retry)");
        ok &= check(r, "multiplier", multiplier == null || multiplier >= 1.0,
                multiplier + " is less than 1.0 (expected: 1.0 or more; the wait must not shrink)");
        ok &= check(r, "jitter", jitter == null || (jitter >= 0.0 && jitter <= 1.0),
                jitter + " is outside 0.0 to 1.0 (expected: 0.0 to 1.0, a fraction of the wait)");
        Duration initialBackoff = or(initial, base.initialBackoff());
        Duration maxBackoff = or(max, base.maxBackoff());
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            String key = max != null ? "max_backoff" : "initial_backoff";
            r.error(key, "max_backoff " + Durations.format(maxBackoff) + " is less than initial_backoff "
                    + Durations.format(initialBackoff) + " (expected: max_backoff >= initial_backoff)");
            ok = false;
        }
        if (!ok || attempts == null && r.has("attempts") || multiplier == null && r.has("multiplier")
                || jitter == null && r.has("jitter")) {
            return null;
        }
        RetryPolicy.Builder b = base.toBuilder().initialBackoff(initialBackoff).maxBackoff(maxBackoff);
        set(attempts, b::maxAttempts);
        set(multiplier, b::multiplier);
        set(jitter, b::jitter);
        return b.build();
    }

    /** A duration that must be more than zero (a zero timeout would fail every attempt at once). */
    static Duration positive(Section s, String key) {
        Duration d = s.duration(key);
        if (d != null && !d.isPositive()) {
            s.error(key, Section.shown(s.raw(key)) + " is not positive (expected: more than 0, like 30s)");
            return null;
        }
        return d;
    }

    private static boolean check(Section s, String key, boolean ok, String message) {
        if (!ok) {
            s.error(key, message);
        }
        return ok;
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Gives a builder what the file says, when it says it; what it leaves out keeps the base's value. */
    static <T> void set(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
