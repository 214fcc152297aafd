package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the REST API, written from the route table ({@link RestRoutes}), the problem table
 * ({@link RestProblems}) and the schemas in {@code rest-schemas.json}: a route cannot exist without being documented,
 * and a documented route cannot lack a handler.
 */
final class RestOpenApi {
    private static final String SCHEMAS = "rest-schemas.json";
    private static final String REF = "#/components/schemas/";

    private static volatile ObjectNode document;

    private RestOpenApi() {
    }

    static void serve(RestExchange x) {
        x.json(200, document());
    }

    /** The document; the same for every request, so written once. */
    static ObjectNode document() {
        ObjectNode d = document;
        if (d == null) {
            d = write(RestRoutes.all());
            document = d;
        }
        return d;
    }

    static ObjectNode write(List<RestRoute> routes) {
        ObjectNode doc = JsonRpc.object();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Switchboard gateway REST API");
        String version = RestOpenApi.class.getPackage().getImplementationVersion();
        info.put("version", version != null ? version : "development");
        info.put("description", description());
        Set<String> tags = new LinkedHashSet<>();
        ObjectNode paths = doc.putObject("paths");
        for (RestRoute r : routes) {
            tags.add(r.tag);
            ObjectNode path = paths.has(r.path) ? (ObjectNode) paths.get(r.path) : paths.putObject(r.path);
            path.set(r.method.toLowerCase(Locale.ROOT), operation(r));
        }
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.setAll(schemas());
        ArrayNode codes = ((ObjectNode) schemas.path("Problem").path("properties").path("code")).putArray("enum");
        RestProblems.codes().forEach(codes::add);
        for (RestRoute r : routes) {
            for (String name : new String[] {r.returns, r.body, r.events, r.streams ? "CallEvents" : null}) {
                if (name != null && !schemas.has(name)) {
                    throw new IllegalStateException(r.method + " " + r.path + " refers to the schema " + name
                            + ", which " + SCHEMAS + " does not define");
                }
            }
        }
        return doc;
    }

    private static ObjectNode operation(RestRoute r) {
        ObjectNode op = JsonRpc.object();
        op.put("operationId", r.operationId);
        op.putArray("tags").add(r.tag);
        op.put("summary", r.summary);
        if (r.description != null) {
            op.put("description", r.description);
        }
        if (!r.params.isEmpty()) {
            ArrayNode params = op.putArray("parameters");
            r.params.forEach(p -> params.add(parameter(p)));
        }
        if (r.body != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", !r.bodyOptional);
            body.putObject("content").putObject("application/json").putObject("schema").put("$ref", REF + r.body);
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "OK");
        ObjectNode content = ok.putObject("content");
        if (r.returns != null) {
            content.putObject("application/json").putObject("schema").put("$ref", REF + r.returns);
        }
        if (r.events != null) {
            ObjectNode events = content.putObject("text/event-stream");
            events.putObject("schema").put("type", "string");
            // OpenAPI 3.1 has no schema for the items of a stream (3.2's itemSchema): an extension names it.
            events.put("x-item-schema", REF + r.events);
        }
        if (r.streams) {
            content.putObject("text/event-stream").putObject("schema").put("$ref", REF + "CallEvents");
        }
        for (int status : r.problems) {
            responses.set(Integer.toString(status), problem(status));
        }
        return op;
    }

    private static ObjectNode parameter(RestRoute.Param p) {
        ObjectNode param = JsonRpc.object();
        param.put("name", p.name());
        param.put("in", p.in());
        param.put("required", p.required());
        if (p.description() != null) {
            param.put("description", p.description());
        }
        param.putObject("schema").put("type", "string");
        return param;
    }

    private static ObjectNode problem(int status) {
        ObjectNode out = JsonRpc.object();
        List<String> codes = RestProblems.rows().stream().filter(row -> row.status() == status)
                .map(RestProblems.Row::code).toList();
        out.put("description", "A problem: " + String.join(", ", codes));
        if (status == 429 || status == 503) {
            out.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait before trying"
                    + " again, when waiting helps").putObject("schema").put("type", "integer");
        }
        out.putObject("content").putObject(RestProblem.MEDIA_TYPE).putObject("schema").put("$ref", REF + "Problem");
        return out;
    }

    /** The error table, in the document's words: which code is answered with which status. */
    private static String description() {
        StringBuilder sb = new StringBuilder("The REST API of the Switchboard gateway: servers, tools, resources and"
                + " prompts of every configured MCP server. Every failure is application/problem+json (RFC 9457)"
                + " with a stable `code`.\n\n| code | status | title |\n|---|---|---|\n");
        for (RestProblems.Row row : RestProblems.rows()) {
            sb.append("| ").append(row.code()).append(" | ").append(row.status()).append(" | ").append(row.title())
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static ObjectNode schemas() {
        try (InputStream in = RestOpenApi.class.getResourceAsStream(SCHEMAS)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMAS + " is missing from the gateway's jar");
            }
            return (ObjectNode) JsonRpc.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
