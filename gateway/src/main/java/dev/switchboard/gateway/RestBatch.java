package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.CallAllException;
import dev.switchboard.CallAllOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.Outcome;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/calls}: a batch of calls through the library's {@code callAll}, at most {@code maxConcurrency}
 * at once, each under {@code timeout} and all under {@code totalTimeout}; {@code collect} runs every call,
 * {@code fail-fast} stops at the first failure. The answer is 200 with one outcome per call, in input order, and
 * for a fail-fast batch that stopped, the index of the call that stopped it.
 */
final class RestBatch {
    /** Calls per batch; beyond it, 413 (the body limit alone would let a batch hold tens of thousands). */
    static final int MAX_CALLS = 256;
    static final List<String> POLICIES = List.of("collect", "fail-fast");
    private static final Set<String> FIELDS = Set.of("calls", "maxConcurrency", "timeout", "totalTimeout", "policy");
    private static final Set<String> ITEM_FIELDS = Set.of("tool", "arguments");

    private RestBatch() {
    }

    /** One item of a batch: the name asked for, and its call, or the problem that keeps it from being sent. */
    private record Item(String name, CatalogEntry entry, ToolCall call, ObjectNode problem) {
    }

    /** What ran: the outcomes of the items sent (null when nothing ran), and the failure that stopped it. */
    private record Ran(List<Outcome> outcomes, Integer failedIndex) {
    }

    static void run(RestExchange x) throws IOException {
        RestBody body = x.body(FIELDS, false);
        ArrayNode items = body.requiredArray("calls");
        if (items.size() > MAX_CALLS) {
            throw RestProblem.request(RestProblems.PAYLOAD_TOO_LARGE, "a batch holds at most " + MAX_CALLS
                    + " calls (got " + items.size() + "): split it");
        }
        boolean failFast = "fail-fast".equals(body.choice("policy", POLICIES, "collect"));
        CallAllOptions options = CallAllOptions.DEFAULT
                .withMaxConcurrency(body.integer("maxConcurrency", 1, CallAllOptions.DEFAULT_MAX_CONCURRENCY))
                .withPerCallTimeout(body.duration("timeout"))
                .withOverallTimeout(body.duration("totalTimeout"))
                .withPolicy(failFast ? CallAllOptions.Policy.FAIL_FAST : CallAllOptions.Policy.COLLECT);
        List<Item> batch = resolve(x, items);
        Ran ran = execute(x, batch, options, failFast);
        ObjectNode out = JsonRpc.object();
        out.put("policy", failFast ? "fail-fast" : "collect");
        if (ran.failedIndex() != null) {
            out.put("failedIndex", ran.failedIndex());
        }
        ArrayNode list = out.putArray("outcomes");
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            Item item = batch.get(i);
            if (item.problem() != null) {
                list.add(failed(i, item.name(), null, item.problem()));
            } else if (ran.outcomes() == null) {
                list.add(notStarted(x, i, item.entry()));
            } else {
                list.add(outcome(x, i, item.entry(), ran.outcomes().get(next++)));
            }
        }
        x.json(200, out);
    }

    /**
     * Reads and resolves every item before anything runs: a malformed item fails the request (400), a tool that is
     * unknown (or not visible) becomes that item's outcome.
     */
    private static List<Item> resolve(RestExchange x, ArrayNode items) {
        List<RestBody> bodies = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            bodies.add(RestBody.of(items.get(i), "calls[" + i + "]", ITEM_FIELDS));
        }
        List<Item> batch = new ArrayList<>();
        for (RestBody b : bodies) {
            String name = b.requiredText("tool");
            Map<String, Object> arguments = b.map("arguments");
            try {
                CatalogEntry entry = x.tool(name);
                batch.add(new Item(name, entry, ToolCall.of(entry.server(), entry.tool(), arguments), null));
            } catch (RestProblem p) {
                batch.add(new Item(name, null, null, p.body()));
            }
        }
        return batch;
    }

    /** Runs the items that can be sent; a fail-fast batch with an item that cannot runs nothing. */
    private static Ran execute(RestExchange x, List<Item> batch, CallAllOptions options, boolean failFast) {
        List<Integer> positions = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).call() != null) {
                positions.add(i);
                calls.add(batch.get(i).call());
            } else if (failFast) {
                return new Ran(null, i);
            }
        }
        if (calls.isEmpty()) {
            return new Ran(List.of(), null);
        }
        x.permitCalls(calls.size()); // each call sent takes one from the rate limits
        try {
            return new Ran(x.switchboard.callAll(calls, options), null);
        } catch (CallAllException e) {
            return new Ran(e.outcomes(), positions.get(e.failedIndex()));
        }
    }

    private static ObjectNode outcome(RestExchange x, int index, CatalogEntry entry, Outcome o) {
        if (o.hasResult()) {
            ObjectNode out = JsonRpc.object();
            out.put("index", index);
            out.put("ok", !o.result().isError());
            out.setAll(RestJson.callResult(entry, o.result()));
            return out;
        }
        return failed(index, entry.qualifiedName(), entry, x.problem(o.error()).body());
    }

    private static ObjectNode notStarted(RestExchange x, int index, CatalogEntry entry) {
        SwitchboardException never = new SwitchboardException(ErrorCode.CANCELLED, entry.server(), entry.tool(),
                "not started: an earlier call of this fail-fast batch failed before anything ran", null);
        return failed(index, entry.qualifiedName(), entry, x.problem(never).body());
    }

    private static ObjectNode failed(int index, String name, CatalogEntry entry, JsonNode problem) {
        ObjectNode out = JsonRpc.object();
        out.put("index", index);
        out.put("ok", false);
        out.put("name", name);
        if (entry != null) {
            out.put("server", entry.server());
            out.put("tool", entry.tool());
        }
        out.set("error", problem);
        return out;
    }
}
