package dev.switchboard.langchain4j;

import dev.switchboard.CatalogEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** How a {@link SwitchboardToolProvider} names the tools it offers; the same modes as the gateway's {@code names}. */
public enum ToolNaming {
    /** Always the catalog's {@code <server>__<tool>}: names that do not change when another server is added. */
    QUALIFIED,
    /**
     * A tool's own name when no other server has (or had) a tool of that name, else its catalog name. Shorter names
     * read better to some models, but a name changes when a second server with a tool of that name is added.
     */
    BARE_WHEN_UNIQUE;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The name of each entry of {@code catalog} (the whole catalog, so names do not depend on filters). */
    Map<CatalogEntry, String> names(List<CatalogEntry> catalog) {
        Map<CatalogEntry, String> names = new HashMap<>();
        for (CatalogEntry e : catalog) {
            boolean bare = this == BARE_WHEN_UNIQUE && e.alsoOfferedBy().isEmpty() && VALID.matcher(e.tool()).matches();
            names.put(e, bare ? e.tool() : e.qualifiedName());
        }
        // A bare name equal to another tool's qualified name would make two tools one: that tool keeps its own.
        Set<String> qualifiedInUse = new HashSet<>();
        names.forEach((e, n) -> {
            if (n.equals(e.qualifiedName())) {
                qualifiedInUse.add(n);
            }
        });
        names.replaceAll((e, n) -> !n.equals(e.qualifiedName()) && qualifiedInUse.contains(n) ? e.qualifiedName() : n);
        return names;
    }
}
