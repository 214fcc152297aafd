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
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The MCP requests the gateway answers after {@code initialize}, each mapped onto the Switchboard behind it. */
final class Methods {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Methods.class);
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
    };
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");

    private final Switchboard switchboard;
    private final GatewaySettings settings;
    private final Offers offers;
    private final ToolCalls calls;
    private final Subscriptions subscriptions;
    private final LogLevels logLevels;
    private final PerClient perClient;
    private final GatewayMetrics metrics;
    private final RequestSpans spans;

    Methods(Switchboard switchboard, GatewaySettings settings, Offers offers, Subscriptions subscriptions,
            LogLevels logLevels, PerClient perClient, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.switchboard = switchboard;
        this.settings = settings;
        this.offers = offers;
        this.perClient = perClient;
        this.calls = new ToolCalls(this::view);
        this.subscriptions = subscriptions;
        this.logLevels = logLevels;
        this.spans = new RequestSpans(switchboard.openTelemetry());
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
     * The JSON-RPC answer to a request (its result, or the error a failure maps to), or null when the client cancelled
     * it and no answer is due. What both transports send.
     */
    JsonNode reply(Session session, JsonRpc.Message request, Consumer<JsonNode> notify) {
        try {
            JsonNode result = answer(session, request, notify);
            return result == null ? null : JsonRpc.result(request.id(), result);
        } catch (JsonRpc.Failure f) {
            return JsonRpc.error(request.id(), f.code(), f.getMessage());
        } catch (RuntimeException e) {
            log.atWarn().setMessage("gateway.request.failed").addKeyValue("method", request.method())
                    .addKeyValue("error", e.toString()).setCause(e).log();
            return JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR, "the gateway failed to answer "
                    + request.method() + ": " + e);
        }
    }

    /**
     * The result of a request, or null when no answer is due (a call the client cancelled); a {@link JsonRpc.Failure}
     * for an error answer. Messages about the request before its answer (progress) go to {@code notify}.
     */
    JsonNode answer(Session session, JsonRpc.Message request, Consumer<JsonNode> notify) {
        GatewayMetrics.Operation operation = metrics.operation(request.method(), session.protocolVersion());
        Span span = spans.start(session, request);
        try (Scope ignored = span.makeCurrent()) {
            JsonNode result = answer(session, request, notify, operation);
            operation.result(result);
            return result;
        } catch (JsonRpc.Failure f) {
            operation.error(Integer.toString(f.code()));
            throw f;
        } catch (RuntimeException e) {
            operation.error(GatewayMetrics.OTHER);
            throw e;
        } finally {
            operation.end();
            RequestSpans.end(span, request.method(), operation);
        }
    }

    private JsonNode answer(Session session, JsonRpc.Message request, Consumer<JsonNode> notify,
            GatewayMetrics.Operation operation) {
        ObjectNode params = request.paramsOrEmpty();
        String cursor = params.path("cursor").asText(null);
        try {
            return switch (request.method()) {
                case "ping" -> JsonRpc.object();
                case "tools/call" -> calls.call(session, request, notify, operation);
                case "tools/list" -> withUnavailable(session, Pages.page(view(session).tools(), cursor,
                        settings.pageSize(), "tools/list", "tools"));
                case "prompts/list" -> withUnavailable(session, Pages.page(view(session).prompts(), cursor,
                        settings.pageSize(), "prompts/list", "prompts"));
                case "prompts/get" -> getPrompt(view(session), params);
                case "resources/list" -> withUnavailable(session, Pages.page(view(session).resources(), cursor,
                        settings.pageSize(), "resources/list", "resources"));
                case "resources/templates/list" -> withUnavailable(session, Pages.page(view(session).templates(),
                        cursor, settings.pageSize(), "resources/templates/list", "resourceTemplates"));
                case "resources/read" -> readResource(view(session), params);
                case "resources/subscribe" -> subscribe(session, params, true);
                case "resources/unsubscribe" -> subscribe(session, params, false);
                case "completion/complete" -> complete(view(session), params);
                case "logging/setLevel" -> setLevel(session, params);
                default -> throw new JsonRpc.Failure(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + request.method());
            };
        } catch (SwitchboardException e) {
            throw failure(e);
        }
    }

    /** What the session sees; its per-client servers are connected at its first request that needs them. */
    private SessionOffer view(Session session) {
        return SessionOffer.of(offers, perClient, session, switchboard);
    }

    private JsonNode getPrompt(SessionOffer offer, ObjectNode params) {
        String name = required(params, "name", "prompts/get", "a prompt name from prompts/list");
        Offer.Route route = offer.prompts().routes().get(name);
        if (route == null) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Unknown prompt: '" + name + "'; prompts/list names the"
                    + " prompts this gateway offers now");
        }
        JsonNode args = params.get("arguments");
        Map<String, Object> arguments = args == null || !args.isObject() ? Map.of()
                : JsonRpc.MAPPER.convertValue(args, ARGUMENTS);
        return JsonRpc.tree(offer.serving(route.server()).getPrompt(route.name(), arguments));
    }

    private JsonNode readResource(SessionOffer offer, ObjectNode params) {
        String uri = required(params, "uri", "resources/read", "a URI from resources/list");
        Offer.Route route = resourceRoute(offer, uri);
        return JsonRpc.tree(offer.serving(route.server()).readResourceFrom(route.server(), route.name()));
    }

    /** The server that owns a resource and its name there: listed by it, or matching one of its templates. */
    private static Offer.Route resourceRoute(SessionOffer offer, String uri) {
        Offer.Route route = offer.resources().routes().get(uri);
        if (route != null) {
            return route;
        }
        String owner = offer.templateOwner(uri);
        if (owner == null) {
            throw new JsonRpc.Failure(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: '" + uri + "'; no server"
                    + " lists it and no resource template matches it");
        }
        return new Offer.Route(owner, uri);
    }

    private JsonNode subscribe(Session session, ObjectNode params, boolean on) {
        String method = on ? "resources/subscribe" : "resources/unsubscribe";
        String uri = required(params, "uri", method, "a URI from resources/list");
        Offer.Route route = resourceRoute(view(session), uri);
        if (perClient.owns(route.server())) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_REQUEST, "server '" + route.server() + "' runs per client"
                    + " (session: per_client); the gateway does not forward its subscriptions yet");
        }
        if (on) {
            subscriptions.subscribe(session, route, uri);
        } else {
            subscriptions.unsubscribe(session, route);
        }
        return JsonRpc.object();
    }

    /** Routed by what is completed: a prompt by its name, a resource template by its URI template. */
    private JsonNode complete(SessionOffer offer, ObjectNode params) {
        JsonNode ref = params.path("ref");
        String type = ref.path("type").asText("");
        Offer.Route route;
        ObjectNode forwarded = params.deepCopy();
        if ("ref/prompt".equals(type)) {
            route = offer.prompts().routes().get(ref.path("name").asText(""));
            if (route == null) {
                throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "Unknown prompt: '" + ref.path("name").asText()
                        + "'; prompts/list names the prompts this gateway offers now");
            }
            // The route names the prompt as the library does (qualified); its server knows it by its own name.
            String separator = switchboard.config().orchestration().nameSeparator();
            ((ObjectNode) forwarded.get("ref")).put("name", route.name().substring(route.server().length()
                    + separator.length()));
        } else if ("ref/resource".equals(type)) {
            String uri = ref.path("uri").asText("");
            route = offer.templates().routes().get(uri);
            if (route == null) {
                route = resourceRoute(offer, uri);
            }
            ((ObjectNode) forwarded.get("ref")).put("uri", route.name());
        } else {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "completion/complete needs \"ref\" of type ref/prompt"
                    + " or ref/resource (got '" + type + "')");
        }
        var request = JsonRpc.MAPPER.convertValue(forwarded, McpSchema.CompleteRequest.class);
        return JsonRpc.tree(offer.serving(route.server()).session(route.server()).complete(request));
    }

    private JsonNode setLevel(Session session, ObjectNode params) {
        String level = required(params, "level", "logging/setLevel", "debug, info, notice, warning, error, ...");
        if (!LOG_LEVELS.contains(level)) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "unknown log level '" + level + "' (expected one of "
                    + String.join(", ", new TreeSet<>(LOG_LEVELS)) + ")");
        }
        logLevels.set(session, McpSchema.LoggingLevel.valueOf(
                level.toUpperCase(java.util.Locale.ROOT)));
        return JsonRpc.object();
    }

    /** Says in {@code _meta} which servers are not connected, so a client knows the list may be missing items. */
    private ObjectNode withUnavailable(Session session, ObjectNode result) {
        List<String> down = switchboard.status().stream()
                .filter(s -> s.state() != ServerState.READY && s.state() != ServerState.DISABLED)
                .filter(s -> session.caller().maySee(s.name(), null))
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
