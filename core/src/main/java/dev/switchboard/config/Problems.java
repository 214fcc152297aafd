package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        errors.sort(Comparator.comparingInt(e -> serverIndex(e.problem.path(), serverOrder)));
    }

    private static int serverIndex(String path, List<String> serverOrder) {
        for (String list : List.of("servers.", "mcpServers.", "mcp_servers.")) {
            for (int i = 0; path.startsWith(list) && i < serverOrder.size(); i++) {
                String server = list + serverOrder.get(i);
                if (path.equals(server) || path.startsWith(server + ".") || path.startsWith(server + "[")) {
                    return i;
                }
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
