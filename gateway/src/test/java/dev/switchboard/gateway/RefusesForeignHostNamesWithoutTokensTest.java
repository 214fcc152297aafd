package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loopback gateway without tokens answers only requests that name it: a web page that reached it under a name of
 * its own (DNS rebinding) sends no {@code Origin} with a GET, but its {@code Host} is that name, and it is refused
 * (403, saying what to configure); loopback names and the hosts of {@code gateway.allowed_origins} (a reverse proxy's
 * public name) are served.
 */
class RefusesForeignHostNamesWithoutTokensTest {
    @Test
    void onlyLoopbackNamesAndAllowedOriginsAreServed() throws IOException {
        var settings = GatewaySettings.builder().port(0).allowedOrigins(List.of("https://mcp.example.com")).build();
        try (Fixture f = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.echo("echo")).build())), settings)) {
            URI url = f.gateway.url();
            assertThat(get(url, "/api/v1/servers", "attacker.example:" + url.getPort()))
                    .startsWith("HTTP/1.1 403").contains("host 'attacker.example:" + url.getPort() + "'",
                            "gateway.allowed_origins");
            assertThat(get(url, "/mcp", "attacker.example")).startsWith("HTTP/1.1 403");
            assertThat(get(url, "/api/v1/servers", "127.0.0.1:" + url.getPort())).startsWith("HTTP/1.1 200");
            assertThat(get(url, "/api/v1/servers", "localhost:" + url.getPort())).startsWith("HTTP/1.1 200");
            assertThat(get(url, "/api/v1/servers", "mcp.example.com")).startsWith("HTTP/1.1 200");
            assertThat(get(url, "/healthz", "attacker.example")).as("probes stay open").startsWith("HTTP/1.1 200");
        }
    }

    /** A GET with this {@code Host}, as a browser sends it (the JDK's client does not let a caller set Host). */
    private static String get(URI gateway, String path, String host) throws IOException {
        try (Socket s = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json, text/event-stream"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
