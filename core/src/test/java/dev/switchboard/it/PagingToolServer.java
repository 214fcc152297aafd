package dev.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal MCP server over stdio, run as a child process, that the SDK-based fake cannot imitate: it lists its
 * tools two per page, and announces changes with {@code notifications/tools/list_changed}.
 *
 * <p>Tools: {@code tool_1}..{@code tool_5}, {@code gen_<n>} where n counts the starts recorded in the state file
 * (so a restarted server lists a different tool), {@code add_tool} (adds {@code extra_<k>}, then announces the
 * change) and {@code crash} (exits without answering).
 */
public final class PagingToolServer {
    static final int PAGE_SIZE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tools = new ArrayList<>();
    private final PrintStream out;

    private PagingToolServer(int generation, PrintStream out) {
        for (int i = 1; i <= 5; i++) {
            tools.add("tool_" + i);
        }
        tools.add("gen_" + generation);
        tools.add("add_tool");
        tools.add("crash");
        this.out = out;
    }

    /** The command line that runs this server, counting its starts in {@code stateFile}. */
    static List<String> command(Path stateFile) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PagingToolServer.class.getName(), stateFile.toString());
    }

    public static void main(String[] args) throws IOException {
        Path state = Path.of(args[0]);
        int generation = Files.exists(state) ? Integer.parseInt(Files.readString(state).trim()) + 1 : 1;
        Files.writeString(state, Integer.toString(generation));
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var server = new PagingToolServer(generation, out);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                server.handle(JSON.readTree(line));
            }
        }
    }

    private void handle(JsonNode message) throws IOException {
        JsonNode id = message.get("id");
        if (id == null) {
            return; // a notification
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "initialize" -> reply(id, JSON.createObjectNode()
                    .put("protocolVersion", params.path("protocolVersion").asText())
                    .<ObjectNode>set("capabilities", JSON.readTree("{\"tools\":{\"listChanged\":true}}"))
                    .set("serverInfo", JSON.readTree("{\"name\":\"paging\",\"version\":\"1\"}")));
            case "tools/list" -> reply(id, page(params.path("cursor").asText("0")));
            case "tools/call" -> call(id, params.path("name").asText());
            case "ping" -> reply(id, JSON.createObjectNode());
            default -> send(JSON.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("id", id)
                    .set("error", JSON.createObjectNode().put("code", -32601).put("message", "no such method")));
        }
    }

    private ObjectNode page(String cursor) {
        int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
        int to = Math.min(from + PAGE_SIZE, tools.size());
        ObjectNode result = JSON.createObjectNode();
        var list = result.putArray("tools");
        for (String name : tools.subList(from, to)) {
            list.addObject().put("name", name).putObject("inputSchema").put("type", "object");
        }
        if (to < tools.size()) {
            result.put("nextCursor", Integer.toString(to));
        }
        return result;
    }

    private void call(JsonNode id, String tool) throws IOException {
        if (tool.equals("crash")) {
            System.exit(3);
        }
        if (tool.equals("add_tool")) {
            tools.add("extra_" + (tools.stream().filter(t -> t.startsWith("extra_")).count() + 1));
        }
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", "ok " + tool);
        reply(id, result);
        if (tool.equals("add_tool")) {
            send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/tools/list_changed"));
        }
    }

    private void reply(JsonNode id, ObjectNode result) {
        send(JSON.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("id", id).set("result", result));
    }

    private void send(JsonNode message) {
        out.println(message.toString());
    }
}
