package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@link Gateway#shutdown} while a call is in flight: {@code /readyz} answers 503 "draining" at once, a new session
 * is refused with 503, the call in flight still finishes with its result, and only then does the gateway stop. The
 * call is held in flight by its own client: the server asks it for sampling and the test decides when it answers.
 */
class DrainsCallsInFlightBeforeItStopsTest {

    @Test
    void aCallInFlightFinishesWhileNewSessionsAreRefused() throws Exception {
        try (Fixture fixture = Fixture.start(List.of(Fixture.stdio("alpha",
                FakeMcpServer.builder().name("alpha").tool(FakeTool.sampling("ask")).build())))) {
            CountDownLatch asked = new CountDownLatch(1);
            CountDownLatch answer = new CountDownLatch(1);
            // The call stays in flight through every check below: its client must not give up on it first.
            McpSyncClient client = fixture.javaClient(spec -> spec.requestTimeout(Duration.ofSeconds(120))
                    .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                    .sampling(request -> {
                        asked.countDown();
                        await(answer);
                        return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                                .content(new McpSchema.TextContent("answered while draining")).model("m").build();
                    }));
            try {
                CompletableFuture<McpSchema.CallToolResult> call = inBackground(() -> client.callTool(
                        new McpSchema.CallToolRequest("alpha__ask", Map.of("prompt", "hello"))));
                assertThat(asked.await(30, TimeUnit.SECONDS)).as("the call is in flight").isTrue();
                assertThat(AnswersHealthAndReadinessProbesTest.get(fixture, "/readyz").statusCode()).isEqualTo(200);

                Thread stopping = Thread.ofVirtual().start(() -> fixture.gateway.shutdown(Duration.ofSeconds(60)));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        AnswersHealthAndReadinessProbesTest.get(fixture, "/readyz").statusCode() == 503);

                HttpResponse<String> ready = AnswersHealthAndReadinessProbesTest.get(fixture, "/readyz");
                JsonNode body = AnswersHealthAndReadinessProbesTest.json(ready);
                assertThat(body.path("status").asText()).isEqualTo("draining");
                assertThat(body.path("reasons").get(0).path("reason").asText()).isEqualTo("draining");
                RawClient.Answer refused = new RawClient(fixture.url()).post(RawClient.initializeBody("2025-11-25"),
                        Map.of());
                assertThat(refused.status()).as("new sessions are refused").isEqualTo(503);
                assertThat(refused.sessionId()).isNull();
                assertThat(Scrape.of(fixture.url()).value("switchboard_gateway_requests_in_flight",
                        "mcp_method_name", "tools/call")).as("still in flight").isEqualTo(1);
                assertThat(stopping.isAlive()).as("the gateway waits for the call").isTrue();

                answer.countDown();

                McpSchema.CallToolResult result = call.get(30, TimeUnit.SECONDS);
                assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
                assertThat(((McpSchema.TextContent) result.content().get(0)).text())
                        .contains("answered while draining");
                assertThat(stopping.join(Duration.ofSeconds(30))).as("stopped once the call ended").isTrue();
            } finally {
                client.close();
            }
        }
    }

    /** On a thread of its own: the common pool (one thread on two cores) is the SDK client's own to use. */
    private static <T> CompletableFuture<T> inBackground(java.util.function.Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the client answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
