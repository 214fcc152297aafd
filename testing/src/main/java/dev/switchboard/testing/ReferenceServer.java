package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pinned reference MCP servers from the npm registry ({@code @modelcontextprotocol/server-everything} and
 * {@code server-memory}), installed by the build into {@code testing/reference-servers/node_modules}: their stdio
 * command lines, and HTTP instances started on a free loopback port.
 */
public final class ReferenceServer implements AutoCloseable {
    private final Process process;
    private final URI url;
    private final int port;

    private ReferenceServer(Process process, URI url, int port) {
        this.process = process;
        this.url = url;
        this.port = port;
    }

    /** The command line that runs server-everything over stdio. */
    public static List<String> everythingStdio() {
        return List.of(node(), script("server-everything/dist/index.js").toString(), "stdio");
    }

    /** The command line that runs server-memory over stdio. */
    public static List<String> memoryStdio() {
        return List.of(node(), script("server-memory/dist/index.js").toString());
    }

    /** Starts server-everything over Streamable HTTP ({@code /mcp}) on a free loopback port. */
    public static ReferenceServer everythingStreamableHttp() {
        return start("streamableHttp", "/mcp", freePort());
    }

    /** Starts server-everything over legacy HTTP+SSE ({@code /sse}) on a free loopback port. */
    public static ReferenceServer everythingSse() {
        return start("sse", "/sse", freePort());
    }

    /** Starts server-everything over Streamable HTTP on the given port (to restart one on the same port). */
    public static ReferenceServer everythingStreamableHttp(int port) {
        return start("streamableHttp", "/mcp", port);
    }

    public URI url() {
        return url;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private static ReferenceServer start(String mode, String path, int port) {
        var pb = new ProcessBuilder(node(), script("server-everything/dist/index.js").toString(), mode)
                .redirectErrorStream(true);
        pb.environment().put("PORT", Integer.toString(port));
        try {
            Process p = pb.start();
            var listening = new CompletableFuture<Void>();
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread.ofVirtual().name("reference-server-" + port).start(() -> pump(p, listening, seen));
            try {
                listening.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("server-everything " + mode + " did not start on port " + port
                        + "; output: " + seen, e);
            }
            return new ReferenceServer(p, URI.create("http://127.0.0.1:" + port + path), port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node (is Node.js 20+ on PATH?)", e);
        }
    }

    private static void pump(Process p, CompletableFuture<Void> listening, List<String> seen) {
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (seen.size() < 50) {
                    seen.add(line);
                }
                if (line.contains("port")) {
                    listening.complete(null);
                }
            }
        } catch (IOException ignored) {
            // The process ended; whoever waits learns it from the timeout.
        }
        // The output ends when the process is killed, possibly a moment before it has exited.
        listening.completeExceptionally(new IllegalStateException("output ended"
                + (p.isAlive() ? "" : "; exited with " + p.exitValue())));
    }

    /** Stops the server and every process it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String node() {
        return "node";
    }

    /** The reference servers' node_modules directory (system property, else found from the working directory). */
    public static Path nodeModules() {
        String prop = System.getProperty("switchboard.referenceServers");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testing/reference-servers/node_modules");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference servers are not installed: run testing/reference-servers/"
                + "install.sh (the test build does it)");
    }

    private static Path script(String relative) {
        return nodeModules().resolve("@modelcontextprotocol").resolve(relative);
    }
}
