package dev.switchboard.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorInfo;
import dev.switchboard.GatherFailure;
import dev.switchboard.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How the REST API writes the library's values: durations as milliseconds in fields named {@code ...Ms}, instants
 * as ISO-8601 text, MCP's own objects (tools, results, resources, prompts) exactly as the server sent them under
 * {@code definition} or {@code result}.
 */
final class RestJson {
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private RestJson() {
    }

    /** Puts a duration as milliseconds (fractions kept: fast calls take less than one); nothing for null. */
    static void millis(ObjectNode node, String field, Duration d) {
        if (d != null) {
            node.put(field, d.toNanos() / 1_000_000.0);
        }
    }

    static void instant(ObjectNode node, String field, Instant at) {
        if (at != null) {
            node.put(field, at.toString());
        }
    }

    /** A failure in a status: {code, message, at}; nothing for null. */
    static void error(ObjectNode node, String field, ErrorInfo error) {
        if (error != null) {
            ObjectNode e = node.putObject(field);
            e.put("code", error.code().name());
            e.put("message", error.message());
            instant(e, "at", error.at());
        }
    }

    /** The answer to one call: which tool of which server answered, how long it took, and the MCP result. */
    static ObjectNode callResult(CatalogEntry entry, ToolResult result) {
        ObjectNode out = JsonRpc.object();
        out.put("name", entry.qualifiedName());
        out.put("server", result.server());
        out.put("tool", result.tool());
        millis(out, "durationMs", result.duration());
        out.put("attempts", result.attempts());
        out.put("isError", result.isError());
        out.set("result", JsonRpc.tree(result.result()));
        return out;
    }

    /** A tool of the catalog, with the definition its server lists. */
    static ObjectNode tool(CatalogEntry e, Caller caller) {
        ObjectNode out = JsonRpc.object();
        out.put("name", e.qualifiedName());
        out.put("server", e.server());
        out.put("tool", e.tool());
        out.put("available", e.available());
        out.put("winsBareName", e.winsBareName());
        var others = out.putArray("alsoOfferedBy");
        e.alsoOfferedBy().stream().filter(s -> caller.maySee(s, e.tool())).forEach(others::add);
        out.set("definition", JsonRpc.tree(e.definition()));
        return out;
    }

    static ObjectNode failure(GatherFailure f) {
        ObjectNode out = JsonRpc.object();
        out.put("server", f.server());
        out.put("priority", f.priority());
        out.put("code", f.code().name());
        out.put("message", f.message());
        return out;
    }
}
