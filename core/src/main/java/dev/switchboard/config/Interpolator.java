package dev.switchboard.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string value of a tree (keys are left alone);
 * {@code $${} stands for a literal {@code ${}.
 *
 * <p>A variable that is not set is recorded as {@link Missing} rather than reported at once: whether it is an error
 * depends on whether its server is enabled, which is only known after the tree has been read.
 */
final class Interpolator {
    /** An unset variable, and the key path of the value that referred to it. */
    record Missing(String path, String variable) {
        String message() {
            return "environment variable " + variable + " is not set (expected: set it, or write ${" + variable
                    + ":-default})";
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;
    private final Problems problems;
    private final List<Missing> missing = new ArrayList<>();
    private final Set<String> values = new LinkedHashSet<>();
    /** What variables may still add, so that many references to a long value cannot fill the heap. */
    private long budget = Limits.EXPANDED_CHARS;

    Interpolator(Map<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    List<Missing> missing() {
        return List.copyOf(missing);
    }

    /** The values that {@code ${VAR}} references were replaced with: secrets, by definition. */
    Secrets values() {
        return Secrets.of(values);
    }

    /** A copy of the tree with every string value interpolated. */
    Object resolve(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, resolve(v, Tree.child(path, (String) k))));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object v : l) {
                out.add(resolve(v, Tree.index(path, out.size())));
            }
            return out;
        }
        return value instanceof String s ? resolve(s, path) : value;
    }

    String resolve(String text, String path) {
        return resolve(text, path, 0);
    }

    private String resolve(String text, String path, int depth) {
        if (!text.contains("${")) {
            return text;
        }
        if (depth >= Limits.REFERENCE_NESTING) {
            problems.error(path, "nests ${VAR:-default} more than " + Limits.REFERENCE_NESTING + " deep (expected: at"
                    + " most " + Limits.REFERENCE_NESTING + " levels of defaults within defaults)");
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    problems.error(path, "has ${ without a closing } (expected: ${VAR} or ${VAR:-default};"
                            + " write $${ for a literal ${)");
                    return out.append(text, i, text.length()).toString();
                }
                out.append(reference(text.substring(i + 2, end), path, depth));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String reference(String body, String path, int depth) {
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        String fallback = sep < 0 ? null : body.substring(sep + 2);
        if (name.startsWith("env:")) {
            name = name.substring("env:".length()); // VS Code's spelling of an environment variable
        }
        if (name.startsWith("input:")) {
            problems.error(path, "refers to VS Code input ${" + name + "}, which Switchboard cannot prompt for"
                    + " (expected: an environment variable, ${VAR})");
            return "";
        }
        if (!NAME.matcher(name).matches()) {
            // The text is not echoed: it may be part of a secret that happens to contain ${.
            problems.error(path, "has a ${...} that is not a variable name (expected: ${VAR} or ${VAR:-default}"
                    + " with VAR of letters, digits and _; write $${ for a literal ${)");
            return "";
        }
        String value = environment.get(name);
        boolean useFallback = fallback != null && (value == null || value.isEmpty()); // as in the shell
        if (useFallback) {
            return resolve(fallback, path, depth + 1);
        }
        if (value == null) {
            missing.add(new Missing(path, name));
            return "";
        }
        if (budget >= 0 && (budget -= value.length()) < 0) {
            problems.error(path, "makes ${...} references expand to more than " + Limits.EXPANDED_CHARS
                    + " characters in all (expected: fewer references to long variables)");
        }
        if (budget < 0) {
            return "";
        }
        values.add(value);
        return value;
    }

    /** The index of the } that closes a ${ opened just before {@code from}, allowing nested ${...} in defaults. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int j = from; j < text.length(); j++) {
            if (text.startsWith("${", j)) {
                depth++;
                j++;
            } else if (text.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }
}
