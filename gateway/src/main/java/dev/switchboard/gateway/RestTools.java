package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The tools' part of the REST API: the merged catalog (by server, by text), and one call by qualified or bare name,
 * answered as JSON, or with {@code Accept: text/event-stream} as its progress and then its result.
 */
final class RestTools {
    static final Set<String> CALL_FIELDS = Set.of("tool", "arguments", "timeout");

    private RestTools() {
    }

    /** The catalog, filtered by {@code ?server=} (name or alias) and {@code ?q=} (every word, in any case). */
    static void list(RestExchange x) {
        String server = x.query("server");
        String only = server == null ? null : x.server(server).name();
        String q = x.query("q");
        String[] words = q == null ? new String[0] : q.toLowerCase(Locale.ROOT).trim().split("\\s+");
        ObjectNode out = JsonRpc.object();
        var tools = out.putArray("tools");
        x.switchboard.catalog().stream()
                .filter(e -> only == null || e.server().equals(only))
                .filter(e -> x.caller().maySee(e.server(), e.tool()))
                .filter(e -> Arrays.stream(words).allMatch(w -> searchText(e).contains(w)))
                .forEach(e -> tools.add(RestJson.tool(e, x.caller())));
        x.json(200, out);
    }

    private static String searchText(CatalogEntry e) {
        var d = e.definition();
        return (e.qualifiedName() + "\n" + e.tool() + "\n" + (d.title() == null ? "" : d.title()) + "\n"
                + (d.description() == null ? "" : d.description())).toLowerCase(Locale.ROOT);
    }

    /** {@code POST /api/v1/call}: one call, streamed when the client accepts only or first an event stream. */
    static void call(RestExchange x) throws IOException {
        Prepared call = prepare(x, x.body(CALL_FIELDS, false));
        if (wantsStream(x)) {
            RestCallStream.run(x, call);
            return;
        }
        ToolResult result = x.switchboard.call(call.call(), call.options());
        x.json(200, RestJson.callResult(call.entry(), result));
    }

    /** A call checked and resolved before anything is sent: its entry, the library's call, its options. */
    record Prepared(CatalogEntry entry, ToolCall call, CallOptions options) {
    }

    static Prepared prepare(RestExchange x, RestBody body) {
        String name = body.requiredText("tool");
        Map<String, Object> arguments = body.map("arguments");
        Duration timeout = body.duration("timeout");
        CatalogEntry entry = PerUser.entry(x.switchboard, x.caller(), name);
        entry = entry != null ? entry : x.tool(name);
        x.permitCalls(1);
        CallOptions options = CallOptions.DEFAULT.withTimeout(timeout)
                .withWaitForReady(ToolCalls.worthWaitingFor(x.switchboard, entry.server()));
        try {
            options = PerUser.forCaller(x.switchboard, entry.server(), x.caller(), options);
        } catch (dev.switchboard.SwitchboardException e) {
            throw x.problem(e);
        }
        return new Prepared(entry, ToolCall.of(entry.server(), entry.tool(), arguments), options);
    }

    private static boolean wantsStream(RestExchange x) {
        String accept = x.request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int sse = a.indexOf("text/event-stream");
        int json = a.indexOf("application/json");
        return sse >= 0 && (json < 0 || sse < json);
    }
}
