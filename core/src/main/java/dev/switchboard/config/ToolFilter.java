package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.util.List;
import java.util.Objects;

/**
 * Which tools of a server Switchboard offers, by globs over the tool's own name: {@code *} matches any run of
 * characters, {@code ?} exactly one, everything else itself (case-sensitive, as tool names are).
 *
 * <p>A tool is offered when {@code include} is empty or one of its globs matches, and no {@code exclude} glob
 * matches: exclude wins.
 *
 * @param include globs of the tools to offer; empty offers every tool
 * @param exclude globs of the tools never to offer
 */
public record ToolFilter(List<String> include, List<String> exclude) {
    /** Offers every tool. */
    public static final ToolFilter ALL = new ToolFilter(List.of(), List.of());

    public ToolFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        include.forEach(g -> Check.argument(!g.isBlank(), "tools.include: blank glob (expected: a tool name"
                + " or a glob like get_*)"));
        exclude.forEach(g -> Check.argument(!g.isBlank(), "tools.exclude: blank glob (expected: a tool name"
                + " or a glob like delete_*)"));
    }

    /** Whether the tool named {@code tool} is offered. */
    public boolean allows(String tool) {
        Objects.requireNonNull(tool, "tool");
        boolean included = include.isEmpty() || include.stream().anyMatch(g -> matches(g, tool));
        return included && exclude.stream().noneMatch(g -> matches(g, tool));
    }

    /** Whether this filter offers every tool. */
    public boolean allowsAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Wildcard matching with backtracking to the last {@code *}: linear for typical globs, no regex to escape. */
    static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
