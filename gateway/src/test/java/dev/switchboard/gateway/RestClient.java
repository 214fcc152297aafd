package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Plain HTTP against the gateway's REST API. Every answer is checked against the API's own OpenAPI document: its
 * status must be documented for the operation, and a JSON body must fit the documented schema, so no test sees an
 * answer the document does not describe.
 */
final class RestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    // Its own executor: the HTTP client must not depend on the common pool, which a test may keep busy.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool()).build();
    private final URI base;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private volatile JsonNode document;

    /** One answer: its status, headers and body (read as JSON when it is JSON). */
    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    RestClient(URI gatewayUrl) {
        this.base = gatewayUrl.resolve("/");
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** A POST with a JSON body and these headers besides. */
    Answer post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b.build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    }

    /** Sends and checks the answer against the document. */
    Answer send(HttpRequest request) {
        Answer a = sendUnchecked(request);
        check(request.method(), request.uri().getPath(), a);
        return a;
    }

    Answer sendUnchecked(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens an event stream, reads its first event (up to the blank line that ends it) and closes it; the answer's
     * body is that event's text, or the whole body when it is not a stream. Checked against the document.
     */
    Answer firstEvent(String path) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
            StringBuilder event = new StringBuilder();
            try (var lines = r.body()) {
                var it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty() && event.indexOf("data:") >= 0) {
                        break;
                    }
                    event.append(line).append('\n');
                }
            }
            Answer a = new Answer(r.statusCode(), r.headers(), event.toString());
            check("GET", request.uri().getPath(), a);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's OpenAPI document, fetched once. */
    JsonNode document() {
        if (document == null) {
            Answer a = sendUnchecked(request("/api/v1/openapi.json").GET().build());
            if (a.status() != 200) {
                throw new AssertionError("GET /api/v1/openapi.json: " + a);
            }
            document = a.json();
        }
        return document;
    }

    /** Fails when {@code value} does not fit the named schema of the document's components. */
    void validate(String schemaName, JsonNode value) {
        JsonNode ref = JSON.createObjectNode().put("$ref", "#/components/schemas/" + schemaName);
        validate(ref, value, schemaName);
    }

    private void check(String method, String path, Answer a) {
        JsonNode operation = operation(method, path);
        String type = a.header("Content-Type");
        if (operation == null) {
            if (a.status() != 404 && a.status() != 405) {
                throw new AssertionError(method + " " + path + " is not documented but answered " + a);
            }
            validate("Problem", a.json());
            return;
        }
        JsonNode response = operation.path("responses").get(Integer.toString(a.status()));
        if (response == null) {
            throw new AssertionError(method + " " + path + " answered " + a.status() + ", which its operation "
                    + operation.path("operationId").asText() + " does not document: " + a.body());
        }
        if (type == null || type.startsWith("text/event-stream")) {
            return; // the streaming test checks each event's data
        }
        String media = type.split(";")[0].trim();
        JsonNode schema = response.path("content").path(media).get("schema");
        if (schema == null) {
            throw new AssertionError(method + " " + path + " answered " + a.status() + " as " + media
                    + ", which is not documented");
        }
        validate(schema, a.json(), method + " " + path + " " + a.status());
    }

    private void validate(JsonNode schemaRef, JsonNode value, String what) {
        Schema schema = schemas.computeIfAbsent(schemaRef.toString(), k -> {
            // OpenAPI keeps schemas under components; JSON Schema's own place for them is $defs.
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.setAll((ObjectNode) schemaRef);
            root.set("$defs", document().path("components").path("schemas"));
            try {
                return registry.getSchema(JSON.readTree(JSON.writeValueAsString(root)
                        .replace("\"#/components/schemas/", "\"#/$defs/")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        var errors = schema.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " does not fit its documented schema " + schemaRef + ": " + errors
                    + "\n" + value.toPrettyString());
        }
    }

    /** The documented operation of this method and concrete path, or null. */
    JsonNode operation(String method, String path) {
        String[] parts = path.split("/", -1);
        for (Map.Entry<String, JsonNode> e : document().path("paths").properties()) {
            if (fits(e.getKey().split("/", -1), parts)) {
                return e.getValue().get(method.toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    private static boolean fits(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{") && !template[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    /** The values of one field of each object in an array (not of objects nested deeper). */
    static List<String> each(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.path(field).asText(null)));
        return out;
    }

    /** The documented (path, method) pairs, e.g. {@code POST /api/v1/call}. */
    List<String> documentedOperations() {
        List<String> out = new ArrayList<>();
        document().path("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return out;
    }
}
