package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.NamedPrompt;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prompts' part of the REST API: every server's prompts under the names the library offers them by (their own
 * name when unique, else {@code <server>__<name>}), and one prompt filled in with arguments, shaped like a call:
 * {@code POST /api/v1/prompts/get {"name": ..., "arguments": {...}}}.
 */
final class RestPrompts {
    private static final Set<String> GET_FIELDS = Set.of("name", "arguments");

    private RestPrompts() {
    }

    static void list(RestExchange x) {
        ObjectNode out = JsonRpc.object();
        var list = out.putArray("prompts");
        x.switchboard.prompts().stream().filter(p -> x.caller().maySee(p.server(), null)).forEach(p -> {
            ObjectNode item = list.addObject();
            item.put("name", p.name());
            item.put("server", p.server());
            item.set("definition", JsonRpc.tree(p.prompt()));
        });
        x.json(200, out);
    }

    /**
     * Gets a prompt. Its server is looked up first: the answer names it, and a prompt of a server the caller may not
     * see is unknown to it.
     */
    static void get(RestExchange x) throws IOException {
        RestBody body = x.body(GET_FIELDS, false);
        String name = body.requiredText("name");
        Map<String, Object> raw = body.map("arguments");
        Map<String, String> arguments = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw RestBody.malformed("body.arguments." + k + " must be a string (prompt arguments are text)");
            }
            arguments.put(k, s);
        });
        NamedPrompt prompt = x.switchboard.prompts().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
        if (prompt != null && !x.caller().maySee(prompt.server(), null)) {
            throw RestProblem.unknownPrompt(name);
        }
        McpSchema.GetPromptResult result = x.switchboard.getPrompt(name, arguments);
        ObjectNode out = JsonRpc.object();
        out.put("name", name);
        if (prompt != null) {
            out.put("server", prompt.server());
        }
        out.set("result", JsonRpc.tree(result));
        x.json(200, out);
    }
}
