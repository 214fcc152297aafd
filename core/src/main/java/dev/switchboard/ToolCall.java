package dev.switchboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One tool call to make: which server (by name or alias), which tool, with which arguments.
 *
 * @param server the server's name or alias
 * @param tool the tool's name on that server
 * @param arguments the arguments, as JSON-like values (maps, lists, strings, numbers, booleans, null)
 */
public record ToolCall(String server, String tool, Map<String, Object> arguments) {
    public ToolCall {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tool, "tool");
        // Not Map.copyOf: JSON arguments may hold nulls.
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A call of {@code tool} on {@code server} (a name or alias) with these arguments (copied; null means none). */
    public static ToolCall of(String server, String tool, Map<String, ?> arguments) {
        return new ToolCall(server, tool, arguments == null ? null : Collections.unmodifiableMap(arguments));
    }

    /** {@code server/tool}, for messages. */
    public String label() {
        return server + "/" + tool;
    }
}
