package dev.switchboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration files for the tests, with FakeMcpServers as stdio servers. */
final class Configs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {
    }

    /** A fake with an echo tool, a tool that reports an error and one that reads its environment. */
    static Scenario alpha() {
        return FakeMcpServer.builder().name("alpha-server").version("2.3.4")
                .tool(FakeTool.echo("echo").withDescription("Echoes its arguments.\nSecond line, not shown."))
                .tool(FakeTool.error("refuse", "nothing to refuse today"))
                .tool(FakeTool.env("env"))
                .build();
    }

    /** A stdio server entry running the scenario. */
    static Map<String, Object> stdio(Scenario scenario) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("command", command.get(0));
        server.put("args", command.subList(1, command.size()));
        return server;
    }

    /** A required stdio server entry running the scenario. */
    static Map<String, Object> requiredStdio(Scenario scenario) {
        Map<String, Object> server = stdio(scenario);
        server.put("required", true);
        return server;
    }

    /** A stdio server whose command does not exist: it fails with PROCESS_START_FAILED. */
    static Map<String, Object> missingCommand(boolean required) {
        return new LinkedHashMap<>(Map.of("command", "/nonexistent/mcp-server", "required", required));
    }

    /** A Streamable HTTP server at a loopback port nobody listens on, tried once. */
    static Map<String, Object> closedHttp(Map<String, String> headers) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", "http://127.0.0.1:" + closedPort() + "/mcp");
        server.put("headers", headers);
        server.put("retry", Map.of("attempts", 1));
        return server;
    }

    /** Writes {@code {"servers": servers}} (plus {@code extra} top-level keys) as JSON into {@code dir}. */
    static Path write(Path dir, Map<String, Object> servers, Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>(extra);
        root.put("servers", servers);
        Path file = dir.resolve("switchboard.json");
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path write(Path dir, Map<String, Object> servers) {
        return write(dir, servers, Map.of());
    }

    /** Writes text as a file in {@code dir}. */
    static Path writeText(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // free now, and nothing will listen on it during the test
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
