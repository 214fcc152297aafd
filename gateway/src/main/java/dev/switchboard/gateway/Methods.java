package dev.switchboard.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.GatewaySettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The MCP requests the gateway answers after {@code initialize}, each mapped onto the Switchboard behind it. */
final class Methods {
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
    };
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");

    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private final Offers offers;
    private final ToolCalls calls;

    Methods(Switchboard switchboard, GatewaySettings settings, Offers offers) {
        this.switchboard = switchboard;
        this.settings = settings;
        this.offers = offers;
        this.calls = new ToolCalls(switchboard, offers);
    }

    /**
     * Whether answering a request may involve messages before the answer (progress, a server's request to the
     * client): then it gets a stream.
     */
    static boolean mayStream(Session session, JsonRpc.Message request) {
        return "tools/call".equals(request.method()) && (request.paramsOrEmpty().path("_meta").has("progressToken")
                || session.clientCan("sampling") || session.clientCan("elicitation"));
    }

    /**
     * The result of a request, or null when no answer is due (a call the client cancelled); a {@link JsonRpc.Failure}
     * for an error answer. Messages about the request before its answer (progress) go to {@code notify}.
     */
    JsonNode answer(Session session, JsonRpc.Message request, Consumer<JsonNode> notify) {
        ObjectNode params = request.paramsOrEmpty();
        String cursor = params.path("cursor").asText(null);
        try {
            return switch (request.method()) {
                case "ping" -> JsonRpc.object();
                case "tools/call" -> calls.call(session, request, notify);
                case "tools/list" -> withUnavailable(Pages.page(offers.current().tools(), cursor,
                        settings.pageSize(), "tools/list", "tools"));
                case "prompts/list" -> withUnavailable(Pages.page(offers.current().prompts(), cursor,
                        settings.pageSize(), "prompts/list", "prompts"));
                case "prompts/get" -> getPrompt(params);
                case "resources/list" -> withUnavailable(Pages.page(offers.current().resources(), cursor,
                        settings.pageSize(), "resources/list", "resources"));
                case "resources/templates/list" -> withUnavailable(Pages.page(offers.current().templates(), cursor,
                        settings.pageSize(), "resources/templates/list", "resourceTemplates"));
                case "resources/read" -> readResource(params);
                case "logging/setLevel" -> setLevel(params);
                default -> throw new JsonRpc.Failure(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + request.method());
            };
        } catch (SwitchboardException e) {
            throw failure(e);
        }
    }

    private JsonNode getPrompt(ObjectNode params) {
        String name = required(params, "name", "prompts/get", "a prompt name from prompts/list");
        Offer.Route route = offers.current().prompts().routes().get(name);
        if (route == null) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Unknown prompt: '" + name + "'; prompts/list names the"
                    + " prompts this gateway offers now");
        }
        JsonNode args = params.get("arguments");
        Map<String, Object> arguments = args == null || !args.isObject() ? Map.of()
                : JsonRpc.MAPPER.convertValue(args, ARGUMENTS);
        return JsonRpc.tree(switchboard.getPrompt(route.name(), arguments));
    }

    private JsonNode readResource(ObjectNode params) {
        String uri = required(params, "uri", "resources/read", "a URI from resources/list");
        Offer offer = offers.current();
        Offer.Route route = offer.resources().routes().get(uri);
        if (route == null) {
            String owner = offer.templateOwner(uri);
            if (owner == null) {
                throw new JsonRpc.Failure(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: '" + uri + "'; no server"
                        + " lists it and no resource template matches it");
            }
            route = new Offer.Route(owner, uri);
        }
        return JsonRpc.tree(switchboard.readResourceFrom(route.server(), route.name()));
    }

    private static JsonNode setLevel(ObjectNode params) {
        String level = required(params, "level", "logging/setLevel", "debug, info, notice, warning, error, ...");
        if (!LOG_LEVELS.contains(level)) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "unknown log level '" + level + "' (expected one of "
                    + String.join(", ", new TreeSet<>(LOG_LEVELS)) + ")");
        }
        return JsonRpc.object();
    }

    /** Says in {@code _meta} which servers are not connected, so a client knows the list may be missing items. */
    private ObjectNode withUnavailable(ObjectNode result) {
        List<String> down = switchboard.status().stream()
                .filter(s -> s.state() != ServerState.READY && s.state() != ServerState.DISABLED)
                .map(ServerStatus::name).toList();
        if (!down.isEmpty()) {
            ArrayNode names = result.putObject("_meta").putArray("dev.switchboard/unavailableServers");
            down.forEach(names::add);
        }
        return result;
    }

    private static String required(ObjectNode params, String field, String method, String expected) {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual()) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, method + " needs \"" + field + "\": " + expected);
        }
        return value.asText();
    }

    /** A failure of Switchboard as a JSON-RPC error: unknown names are the client's mistake, the rest the server's. */
    private static JsonRpc.Failure failure(SwitchboardException e) {
        int code = switch (e.code()) {
            case UNKNOWN_PROMPT, UNKNOWN_TOOL, UNKNOWN_SERVER, INVALID_ARGUMENTS, AMBIGUOUS_RESOURCE ->
                    JsonRpc.INVALID_PARAMS;
            case UNKNOWN_RESOURCE -> JsonRpc.RESOURCE_NOT_FOUND;
            default -> JsonRpc.INTERNAL_ERROR;
        };
        String server = e.server().map(s -> "server '" + s + "': ").orElse("");
        return new JsonRpc.Failure(code, server + e.code() + ": " + e.getMessage());
    }
}
