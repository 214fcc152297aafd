package dev.switchboard.internal.upstream;

import dev.switchboard.config.StdioServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a stdio server process starts with.
 *
 * <p>By default a child sees only what a program needs to run (where executables are, who and where the user is,
 * locale, temp directory) and nothing else of the parent's environment: the parent typically holds API keys and
 * cloud credentials that a third-party server has no business reading. The configuration can widen this by name
 * ({@code passEnv}) or entirely ({@code inheritEnv}); its own {@code env} values are set last and win.
 */
final class ChildEnvironment {
    /** Variables every child sees when the parent has them. The Windows ones are harmless elsewhere. */
    static final List<String> SAFE_NAMES = List.of(
            "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TEMP", "TMP",
            "SHELL", "TERM",
            "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
            "PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)", "COMMONPROGRAMFILES", "HOMEDRIVE", "HOMEPATH",
            "USERNAME", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE");

    private ChildEnvironment() {
    }

    /** The child's environment for this server, taking from the current process's environment. */
    static Map<String, String> of(StdioServer server) {
        return of(server, System.getenv(), isWindows());
    }

    /**
     * The child's environment for this server, taking from {@code parent}.
     *
     * @param caseInsensitiveNames whether variable names match regardless of case (Windows)
     */
    static Map<String, String> of(StdioServer server, Map<String, String> parent, boolean caseInsensitiveNames) {
        Map<String, String> child = caseInsensitiveNames
                ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
        if (server.inheritEnv()) {
            child.putAll(parent);
        } else {
            copyNamed(SAFE_NAMES, parent, child, caseInsensitiveNames);
            copyNamed(server.passEnv(), parent, child, caseInsensitiveNames);
        }
        child.putAll(server.env());
        return child;
    }

    /** Replaces the builder's environment (a copy of the parent's, by default) with exactly {@code env}. */
    static void applyTo(ProcessBuilder builder, Map<String, String> env) {
        Map<String, String> target = builder.environment();
        target.clear();
        target.putAll(env);
    }

    private static void copyNamed(List<String> names, Map<String, String> parent, Map<String, String> child,
            boolean caseInsensitiveNames) {
        for (String name : names) {
            String value = lookup(parent, name, caseInsensitiveNames);
            if (value != null) {
                child.put(name, value);
            }
        }
    }

    private static String lookup(Map<String, String> parent, String name, boolean caseInsensitiveNames) {
        String value = parent.get(name);
        if (value != null || !caseInsensitiveNames) {
            return value;
        }
        for (Map.Entry<String, String> e : parent.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
