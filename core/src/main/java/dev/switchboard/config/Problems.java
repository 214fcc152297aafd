package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the errors and warnings of one load, so that all of them are reported together. */
final class Problems {
    private final List<Entry> errors = new ArrayList<>();
    private final List<Entry> warnings = new ArrayList<>();

    /** A problem whose path is in the file's own spelling already (it was found before normalisation). */
    private record Entry(ConfigProblem problem, boolean asWritten) {
        ConfigProblem in(PathMap paths) {
            return asWritten ? problem : new ConfigProblem(paths.toSource(problem.path()), problem.message());
        }
    }

    /** An error at a path of the normalised tree (translated back to the file's spelling when reported). */
    void error(String path, String message) {
        errors.add(new Entry(new ConfigProblem(path, message), false));
    }

    /** An error at a path exactly as written in the file, or at a file location. */
    void errorAsWritten(String path, String message) {
        errors.add(new Entry(new ConfigProblem(path, message), true));
    }

    void warnAsWritten(String path, String message) {
        warnings.add(new Entry(new ConfigProblem(path, message), true));
    }

    void warn(String path, String message) {
        warnings.add(new Entry(new ConfigProblem(path, message), false));
    }

    /** Takes over another collector's problems; with {@code asWarnings}, its errors become warnings too. */
    void absorb(Problems other, boolean asWarnings, String note) {
        for (Entry e : other.errors) {
            Entry noted = new Entry(new ConfigProblem(e.problem.path(), e.problem.message() + note), e.asWritten);
            (asWarnings ? warnings : errors).add(asWarnings ? noted : e);
        }
        warnings.addAll(other.warnings);
    }

    /**
     * Orders the errors by the server they concern, in file order, keeping the order within each server; errors
     * outside any server come first. Problems are found step by step (interpolation, then reading, then
     * cross-checks), but are easier to read server by server.
     */
    void groupByServer(List<String> serverOrder) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < serverOrder.size(); i++) {
            index.putIfAbsent(serverOrder.get(i), i);
        }
        errors.sort(Comparator.comparingInt(e -> serverIndex(e.problem.path(), index)));
    }

    /**
     * The position of the server a path is under, looked up by each prefix that ends where a key ends (a name may
     * contain dots); a lookup rather than a scan of every server, which made thousands of problems quadratic.
     */
    private static int serverIndex(String path, Map<String, Integer> index) {
        for (String list : List.of("servers.", "mcpServers.", "mcp_servers.")) {
            if (!path.startsWith(list)) {
                continue;
            }
            int best = -1;
            for (int end = list.length(); end <= path.length(); end++) {
                if (end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[') {
                    Integer i = index.get(path.substring(list.length(), end));
                    best = i != null && (best < 0 || i < best) ? i : best;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    int errorCount() {
        return errors.size();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors with their paths rewritten to the file's own spelling. */
    List<ConfigProblem> errors(PathMap paths) {
        return errors.stream().map(e -> e.in(paths)).distinct().toList();
    }

    /** The warnings as {@code path: message} lines, paths in the file's own spelling. */
    List<String> warnings(PathMap paths) {
        return warnings.stream().map(e -> e.in(paths).toString()).distinct().toList();
    }
}
