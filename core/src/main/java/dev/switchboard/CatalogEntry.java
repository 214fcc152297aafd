package dev.switchboard;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;

/**
 * One tool of Switchboard's merged catalog: the unique name to call it by, where it lives, whether it can be called
 * now, and which server its bare name reaches when several servers offer a tool of that name.
 *
 * @param qualifiedName {@code <server><separator><tool>}, unique in the catalog and valid for every MCP client
 *     ({@code ^[a-zA-Z0-9_-]{1,64}$}); a longer or invalid name is shortened with a short hash
 * @param server the configured name of the server that offers the tool
 * @param tool the tool's own name on that server
 * @param available whether the server is connected now; the last known tools of a server that is down are listed
 *     as unavailable
 * @param bareNameServer the server a call by the bare name {@code tool} goes to: the highest-priority server
 *     offering it (available ones first), ties by configuration order
 * @param alsoOfferedBy the other servers offering a tool of the same name, in the order they would be chosen;
 *     empty when the name is unique
 * @param definition the tool as the server lists it: description, input schema, annotations
 */
public record CatalogEntry(String qualifiedName, String server, String tool, boolean available,
        String bareNameServer, List<String> alsoOfferedBy, McpSchema.Tool definition) {

    public CatalogEntry {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(bareNameServer, "bareNameServer");
        alsoOfferedBy = List.copyOf(alsoOfferedBy);
        Objects.requireNonNull(definition, "definition");
    }

    /** Whether a call by the bare tool name reaches this entry. */
    public boolean winsBareName() {
        return server.equals(bareNameServer);
    }
}
