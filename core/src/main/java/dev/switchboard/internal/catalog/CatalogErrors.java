package dev.switchboard.internal.catalog;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.internal.util.Suggestions;
import java.util.List;
import java.util.Optional;

/** The errors of name resolution, each naming what was asked for, what exists nearby, and what to do. */
final class CatalogErrors {
    private static final String LIST_THEM = " (list them with: switchboard tools)";

    private CatalogErrors() {
    }

    /** Why {@code name} resolves to nothing in {@code snapshot}. */
    static SwitchboardException unresolved(CatalogSnapshot snapshot, String name) {
        Optional<CatalogSnapshot.Qualified> qualified = snapshot.splitServer(name);
        if (qualified.isPresent()) {
            return unknownTool(snapshot, qualified.get().server(), qualified.get().tool());
        }
        List<String> hiding = snapshot.hidingServers(name);
        if (!hiding.isEmpty()) {
            return hidden(hiding.get(0), name);
        }
        int sep = name.indexOf(snapshot.separator());
        if (sep > 0) {
            String server = name.substring(0, sep);
            List<String> known = snapshot.servers();
            return new SwitchboardException(ErrorCode.UNKNOWN_SERVER, server, name.substring(sep
                    + snapshot.separator().length()), "no tool is named '" + name + "' and no server is named '"
                    + server + "'" + didYouMean(name, snapshot.allNames()) + " (known servers: "
                    + String.join(", ", known) + ")", null);
        }
        return new SwitchboardException(ErrorCode.UNKNOWN_TOOL, null, name, "no server offers a tool named '"
                + name + "'" + didYouMean(name, snapshot.allNames()) + LIST_THEM, null);
    }

    /** Why the tool {@code tool} of the configured server {@code server} is not in {@code snapshot}. */
    static SwitchboardException unknownTool(CatalogSnapshot snapshot, String server, String tool) {
        if (snapshot.isHidden(server, tool)) {
            return hidden(server, tool);
        }
        ServerTools input = snapshot.input(server).orElseThrow();
        if (input.tools().isEmpty() && !input.available()) {
            return new SwitchboardException(ErrorCode.SERVER_UNAVAILABLE, server, tool, "server '" + server
                    + "' has not been connected yet, so its tools are not known; see why in its status"
                    + " (Switchboard.status, or switchboard check)", null);
        }
        return new SwitchboardException(ErrorCode.UNKNOWN_TOOL, server, tool, "server '" + server
                + "' has no tool '" + tool + "'" + didYouMean(tool, snapshot.toolsOf(server)) + LIST_THEM, null);
    }

    private static SwitchboardException hidden(String server, String tool) {
        return new SwitchboardException(ErrorCode.UNKNOWN_TOOL, server, tool, "server '" + server + "' has a tool '"
                + tool + "', but the configuration hides it (servers." + server + ".tools include/exclude); change"
                + " the filter to call it", null);
    }

    private static String didYouMean(String name, List<String> candidates) {
        List<String> close = Suggestions.closest(name, candidates, 3);
        return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
    }
}
