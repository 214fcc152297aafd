package dev.switchboard.gateway;

import java.util.List;

/**
 * The table of the REST API under {@code /api/v1}: every route, once. {@link RestApi} routes requests by it and
 * {@link RestOpenApi} writes the OpenAPI document from it; the schema names refer to {@code rest-schemas.json}.
 */
final class RestRoutes {
    static final String PREFIX = "/api/v1";

    private RestRoutes() {
    }

    /** Every route, in the order the document lists them. */
    static List<RestRoute> all() {
        return List.of(
                RestRoute.get(PREFIX + "/openapi.json").id("getOpenApi", "API", "This API's OpenAPI 3.1 document")
                        .returns("OpenApiDocument").does(RestOpenApi::serve),
                RestRoute.get(PREFIX + "/me").id("getCaller", "API", "Who the caller is and what it may do")
                        .describe("The name of the caller's token (never the token), whether the gateway needs one,"
                                + " and whether it may enable, disable, reconnect and reload servers.")
                        .returns("Caller").does(RestCaller::me),

                RestRoute.get(PREFIX + "/servers").id("listServers", "Servers", "Every server's status")
                        .describe("Connection state, transport, protocol version, health (latency, consecutive"
                                + " failures), breaker, restarts, call numbers and last error, in configuration order.")
                        .returns("ServerList").does(RestServers::list),
                RestRoute.get(PREFIX + "/events").id("streamEvents", "Servers", "The servers' events, as they happen")
                        .describe("Server-sent events (text/event-stream); each event's name is its kind and its"
                                + " data a ServerEvent. First comes open (the servers this stream follows), then"
                                + " state, restart, health, probe, breaker, catalog, call and reload events of the"
                                + " servers the caller may see, as they happen. A client that reads too slowly gets"
                                + " dropped (how many events it lost) instead of the oldest ones; a comment every"
                                + " 15 s keeps a quiet stream open; closed ends it (the gateway stops, or the token"
                                + " was revoked). No replay: after reconnecting, read the servers' status again.")
                        .query("server", false, "Only this server's events (name or alias)")
                        .eventStream("ServerEvent").problems(404).does(RestEvents::stream),
                RestRoute.get(PREFIX + "/servers/{name}").id("getServer", "Servers", "One server's status")
                        .pathParam("name", "The server's name or alias").returns("Server").problems(404)
                        .does(RestServers::one),
                control("enable", "Enable a server and connect it (remembered in the state file)",
                        RestServers::enable),
                control("disable", "Disable a server: calls in flight may finish, then it is closed",
                        RestServers::disable),
                control("reconnect", "Close a server's connection and connect it again from scratch",
                        RestServers::reconnect),
                RestRoute.post(PREFIX + "/reload").id("reload", "Servers", "Reload the configuration file")
                        .describe("Added servers connect, removed ones close, changed ones reconnect with their new"
                                + " settings, unchanged ones keep their sessions. An invalid file changes nothing"
                                + " (422 with every problem).")
                        .returns("ReloadResult").problems(409, 422).does(RestServers::reload),

                RestRoute.get(PREFIX + "/tools").id("listTools", "Tools", "The merged tool catalog")
                        .query("server", false, "Only this server's tools (name or alias)")
                        .query("q", false, "Words that must all appear in the tool's name, title or description")
                        .returns("ToolList").problems(404).does(RestTools::list),
                RestRoute.post(PREFIX + "/call").id("callTool", "Tools", "Call one tool")
                        .describe("By qualified (server__tool) or bare name. With Accept: text/event-stream the"
                                + " answer is an event stream: progress events, then one result or error event."
                                + " A tool's own error is a result with isError: true (200), not a problem.")
                        .body("CallRequest", false).returns("CallResult").streams()
                        .problems(404, 409, 422, 429, 502, 504).does(RestTools::call),
                RestRoute.post(PREFIX + "/calls").id("callTools", "Tools", "Call several tools at once")
                        .describe("At most maxConcurrency at once; collect runs every call, fail-fast stops at the"
                                + " first failure. Outcomes are in input order; at most 256 calls per batch.")
                        .body("BatchRequest", false).returns("BatchResult").problems(429).does(RestBatch::run),

                RestRoute.get(PREFIX + "/resources").id("listResources", "Resources", "Every server's resources")
                        .query("server", false, "Only this server's resources (name or alias)")
                        .returns("ResourceList").problems(404, 502, 504).does(RestResources::list),
                RestRoute.post(PREFIX + "/resources/gather").id("gatherResources", "Resources",
                                "Read every resource of every server")
                        .describe("Servers are asked in parallel, each within serverTimeout, all within timeout."
                                + " fail-fast fails when any server fails; best-effort reports failures beside"
                                + " the rest. Contents are cut to orchestration.resources.max_resource_bytes.")
                        .body("GatherRequest", true).returns("GatherResult").problems(502, 504)
                        .does(RestResources::gather),
                RestRoute.get(PREFIX + "/resources/read").id("readResource", "Resources", "Read one resource")
                        .query("uri", true, "The resource's URI, or <server>+<uri> when several servers offer it")
                        .returns("ResourceItem").problems(404, 409, 502, 504).does(RestResources::read),
                RestRoute.get(PREFIX + "/resources/templates").id("listResourceTemplates", "Resources",
                                "Every server's resource templates")
                        .returns("TemplateList").problems(502, 504).does(RestResources::templates),
                RestRoute.get(PREFIX + "/resolve").id("resolve", "Resources", "Which server is the authority for"
                                + " an entity")
                        .query("entity", true, "What to look for, e.g. a customer or product name")
                        .query("domain", false, "Only servers of this business domain")
                        .returns("Resolution").problems(502, 504).does(RestResources::resolve),

                RestRoute.get(PREFIX + "/prompts").id("listPrompts", "Prompts", "Every server's prompts")
                        .returns("PromptList").problems(502, 504).does(RestPrompts::list),
                RestRoute.post(PREFIX + "/prompts/get").id("getPrompt", "Prompts", "Get one prompt, filled in")
                        .body("PromptRequest", false).returns("PromptResult").problems(404, 409, 502, 504)
                        .does(RestPrompts::get));
    }

    private static RestRoute control(String action, String summary, RestRoute.Action does) {
        return RestRoute.post(PREFIX + "/servers/{name}/" + action).id(action + "Server", "Servers", summary)
                .pathParam("name", "The server's name or alias").returns("Server").problems(404).does(does);
    }
}
