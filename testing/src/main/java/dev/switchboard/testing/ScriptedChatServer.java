package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat endpoint on loopback that answers {@code POST /v1/chat/completions} from a script: each
 * request gets the next scripted turn, a function of the request (so a turn can quote the tool result it was sent).
 * It records every request body and Authorization header; a request beyond the script is answered 500 and recorded.
 * The model of the LangChain4j, agent and Spring tests: a real OpenAI client talks to it over HTTP, no network needed.
 */
public final class ScriptedChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Function<JsonNode, ObjectNode>> turns;
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();

    private ScriptedChatServer(List<Function<JsonNode, ObjectNode>> script) throws IOException {
        this.turns = new ArrayDeque<>(script);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    /** Starts answering with {@code script}, one turn per request. */
    @SafeVarargs
    public static ScriptedChatServer start(Function<JsonNode, ObjectNode>... script) {
        try {
            List<Function<JsonNode, ObjectNode>> turns = new ArrayList<>();
            for (Function<JsonNode, ObjectNode> turn : script) {
                turns.add(turn);
            }
            return new ScriptedChatServer(turns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL an OpenAI client is given, e.g. {@code http://127.0.0.1:4711/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The request bodies received so far, in order. */
    public List<JsonNode> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The Authorization headers received so far (null for a request without one), in order. */
    public List<String> authorizations() {
        lock.lock();
        try {
            return new ArrayList<>(authorizations);
        } finally {
            lock.unlock();
        }
    }

    /** A turn in which the model asks for one tool call. */
    public static Function<JsonNode, ObjectNode> callTool(String id, String name, String argumentsJson) {
        return callTools(id, name, argumentsJson);
    }

    /** A turn in which the model asks for several tool calls at once: id, name, arguments, id, name, ... */
    public static Function<JsonNode, ObjectNode> callTools(String... idNameArguments) {
        return request -> {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
            var calls = message.putArray("tool_calls");
            for (int i = 0; i + 2 < idNameArguments.length; i += 3) {
                ObjectNode call = calls.addObject().put("id", idNameArguments[i]).put("type", "function");
                call.putObject("function").put("name", idNameArguments[i + 1])
                        .put("arguments", idNameArguments[i + 2]);
            }
            return completion(message, "tool_calls");
        };
    }

    /** The content of the request's first (system) message. */
    public static String system(JsonNode request) {
        return request.path("messages").get(0).path("content").asText();
    }

    /** A turn in which the model answers with text made from the request (e.g. quoting the tool results sent). */
    public static Function<JsonNode, ObjectNode> answer(Function<JsonNode, String> text) {
        return request -> completion(JSON.createObjectNode().put("role", "assistant").put("content",
                text.apply(request)), "stop");
    }

    /** The contents of the request's {@code tool} messages, in order. */
    public static List<String> toolResults(JsonNode request) {
        List<String> out = new ArrayList<>();
        request.path("messages").forEach(m -> {
            if ("tool".equals(m.path("role").asText())) {
                out.add(m.path("content").asText());
            }
        });
        return out;
    }

    private static ObjectNode completion(ObjectNode message, String finishReason) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-scripted").put("object", "chat.completion")
                .put("created", 1).put("model", "scripted");
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason)
                .set("message", message);
        body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
        return body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            Function<JsonNode, ObjectNode> turn;
            lock.lock();
            try {
                requests.add(request);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                turn = turns.poll();
            } finally {
                lock.unlock();
            }
            byte[] body = turn == null ? "{\"error\":{\"message\":\"the script has no more turns\"}}"
                    .getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(turn.apply(request));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(turn == null ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
