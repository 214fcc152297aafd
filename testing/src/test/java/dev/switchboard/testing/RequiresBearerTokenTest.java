package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RequiresBearerTokenTest {

    private static RunningFakeServer server;

    @BeforeAll
    static void start() {
        server = FakeMcpServer.builder().tool(FakeTool.echo("echo")).requireBearer("s3cret").startHttp();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answers401WithoutTheToken() throws Exception {
        assertThat(post(null).statusCode()).isEqualTo(401);
        assertThat(post(null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
    }

    @Test
    void answers401WithAWrongToken() throws Exception {
        assertThat(post("Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void sdkClientWithoutTheTokenCannotInitialize() {
        var client = Clients.http(server.baseUrl(), null);
        try {
            assertThatThrownBy(client::initialize)
                    .hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);
        } finally {
            client.close();
        }
        assertThat(server.receivedCalls()).isEmpty();
    }

    @Test
    void sdkClientWithTheTokenIsServed() {
        var client = Clients.http(server.baseUrl(), "s3cret");
        try {
            client.initialize();
            assertThat(Clients.text(Clients.call(client, "echo", Map.of("k", "v")))).isEqualTo("{\"k\":\"v\"}");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void legacySseEndpointsRequireTheTokenToo() throws Exception {
        try (var sse = FakeMcpServer.builder().tool(FakeTool.echo("echo")).requireBearer("s3cret").startSse();
             var http = HttpClient.newHttpClient()) {
            // Checked by hand: the SDK's SSE client does not fail fast on 401, it waits out its timeout.
            var stream = HttpRequest.newBuilder(URI.create(sse.url())).header("Accept", "text/event-stream").build();
            assertThat(http.send(stream, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

            var client = Clients.sse(sse.baseUrl(), "s3cret");
            try {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("fake");
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static HttpResponse<String> post(String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.url()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(RawStdio.INITIALIZE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
