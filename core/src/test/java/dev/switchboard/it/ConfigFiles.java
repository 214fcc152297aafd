package dev.switchboard.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration files of fake stdio servers, written as JSON (which YAML readers read too), and their processes. */
final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {
    }

    /** A fake server named {@code name} with an echo and a delay tool. */
    static Scenario scenario(String name) {
        return FakeMcpServer.builder().name(name).tool(FakeTool.echo("echo"),
                FakeTool.delay("slow", java.time.Duration.ofSeconds(1))).build();
    }

    /** The {@code servers:} entry of a stdio server running {@code scenario}, plus {@code extra} keys. */
    static Map<String, Object> stdio(Scenario scenario, Map<String, Object> extra) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("command", command.get(0));
        server.put("args", command.subList(1, command.size()));
        server.put("shutdown_grace", "500ms");
        server.putAll(extra);
        return server;
    }

    /** Writes {@code {"orchestration": ..., "servers": ...}} to {@code file}, replacing it. */
    static void write(Path file, Map<String, Object> orchestration, Map<String, Map<String, Object>> servers)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("orchestration", orchestration);
        root.put("servers", servers);
        Path temp = Files.createTempFile(file.getParent(), "next", ".tmp");
        Files.writeString(temp, JSON.writeValueAsString(root));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The pid of the child process serving {@code scenario}, or -1 when there is none. */
    static long pidOf(Scenario scenario) {
        String marker = scenario.toBase64();
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p.pid()).contains(marker))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** The whole command line: the JDK's ProcessHandle.Info reads only its first page, and a test class path is long. */
    private static String commandLine(long pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (java.io.IOException e) {
            return ""; // gone meanwhile
        }
    }
}
