package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} sends its traces over OTLP when the standard OpenTelemetry settings ask for it: a loopback
 * collector receives the gateway's request span and the library's call span; without the settings nothing is sent.
 */
class ExportsTracesOverOtlpTest {
    private static final List<String> SETTINGS = List.of("otel.traces.exporter", "otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.protocol");

    @TempDir
    Path dir;

    @Test
    void aCollectorReceivesTheSpansOfACallThroughTheGateway() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            // Protobuf keeps strings as UTF-8 bytes: the span names can be found in the body as they are.
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        System.setProperty("otel.traces.exporter", "otlp");
        System.setProperty("otel.exporter.otlp.protocol", "http/protobuf");
        System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort());
        try {
            serveAndCall();
        } finally {
            SETTINGS.forEach(System::clearProperty);
            collector.stop(0);
        }
        String all = String.join("", received);
        assertThat(all).contains("tools/call alpha__echo", "tools/call echo", "switchboard", "execute_tool");
    }

    @Test
    void withoutTheSettingsNothingIsTraced() {
        assertThat(Telemetry.fromSettings(Map.of(), new java.util.Properties())).isNull();
        assertThat(Telemetry.fromSettings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
                "OTEL_SDK_DISABLED", "true"), new java.util.Properties())).isNull();
    }

    private void serveAndCall() throws IOException, Exception {
        Path config = Configs.write(dir, Map.of("alpha", Configs.stdio(Configs.alpha())));
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        var exit = new CompletableFuture<Integer>();
        // Its own thread, as main would be: the MCP Java SDK client in this JVM needs the common pool.
        Thread.ofPlatform().name("serve-command").start(() -> exit.complete(cl.execute("serve", config.toString(),
                "--listen", "127.0.0.1:0")));
        assertThat(serve.awaitStarted(Duration.ofSeconds(60))).isTrue();
        try (DemoClient client = new DemoClient(serve.url())) {
            client.call("alpha__echo", Map.of("traced", true));
        } finally {
            serve.stop();
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero(); // closing the SDK sends what it buffered
    }
}
