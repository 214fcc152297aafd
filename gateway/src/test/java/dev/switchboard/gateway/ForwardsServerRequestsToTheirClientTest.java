package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.ReferenceServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * server-everything, behind the gateway, asks the client for sampling and elicitation during a call: the request
 * reaches the MCP client whose call it is (the Java SDK client here) and its answer reaches the server; a client that
 * did not declare the capability is refused at once; with two clients at once, each sees only its own requests.
 */
class ForwardsServerRequestsToTheirClientTest {
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("left", ReferenceServer.everythingStdio()),
                Fixture.stdio("right", ReferenceServer.everythingStdio())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSamplingRequestReachesTheCallingClientAndItsAnswerTheServer() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = fixture.javaClient(sampling(asked, null))) {
            var result = client.callTool(call("left__trigger-sampling-request", "hello"));

            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(text(result)).contains("answered by the client").contains("client-model");
            assertThat(asked).singleElement().asString().contains("hello");
        }
    }

    @Test
    void aSamplingRequestReachesALegacySseClientToo() {
        List<String> asked = new CopyOnWriteArrayList<>();
        URI url = fixture.url();
        var transport = HttpClientSseClientTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .sseEndpoint(LegacySseEndpoint.SSE_PATH).build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20));
        sampling(asked, null).accept(spec);
        try (McpSyncClient client = spec.build()) {
            client.initialize();
            var result = client.callTool(call("right__trigger-sampling-request", "over sse"));

            assertThat(text(result)).contains("answered by the client");
            assertThat(asked).singleElement().asString().contains("over sse");
        }
    }

    @Test
    void aFormElicitationReachesTheCallingClientAndItsAnswerTheServer() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = fixture.javaClient(spec -> spec
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request.message());
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Ada"));
                }))) {
            var result = client.callTool(McpSchema.CallToolRequest.builder("right__trigger-elicitation-request")
                    .arguments(Map.of()).build());

            assertThat(text(result)).contains("Name: Ada");
            assertThat(asked).hasSize(1);
        }
    }

    @Test
    void aClientWithoutSamplingIsRefusedAtOnceNotLeftToTimeOut() {
        try (McpSyncClient client = fixture.javaClient()) {
            var result = client.callTool(call("left__trigger-sampling-request", "hello"));

            assertThat(text(result)).contains("did not declare the sampling capability");
        }
    }

    @Test
    void twoClientsAtOnceEachAnswerOnlyTheRequestsOfTheirOwnCall() throws Exception {
        List<String> askedA = new CopyOnWriteArrayList<>();
        List<String> askedB = new CopyOnWriteArrayList<>();
        CountDownLatch bothAsked = new CountDownLatch(2);
        try (McpSyncClient a = fixture.javaClient(sampling(askedA, bothAsked));
                McpSyncClient b = fixture.javaClient(sampling(askedB, bothAsked))) {
            var first = inBackground(() -> a.callTool(call("left__trigger-sampling-request", "A")));
            var second = inBackground(() -> b.callTool(call("right__trigger-sampling-request", "B")));

            assertThat(text(first.get(30, TimeUnit.SECONDS))).contains("answered by the client");
            assertThat(text(second.get(30, TimeUnit.SECONDS))).contains("answered by the client");
            assertThat(askedA).singleElement().asString().contains("context: A");
            assertThat(askedB).singleElement().asString().contains("context: B");
        }
    }

    @Test
    void aRequestMadeWhileTwoClientsCallOneSharedServerIsRefusedNotShownToTheWrongOne() throws Exception {
        List<String> askedA = new CopyOnWriteArrayList<>();
        List<String> askedB = new CopyOnWriteArrayList<>();
        CountDownLatch aAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (McpSyncClient a = fixture.javaClient(spec -> spec
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                .sampling(request -> {
                    askedA.add(prompt(request));
                    aAsked.countDown();
                    await(release);
                    return answer();
                }));
                McpSyncClient b = fixture.javaClient(sampling(askedB, null))) {
            var first = inBackground(() -> a.callTool(call("left__trigger-sampling-request", "A")));
            assertThat(aAsked.await(30, TimeUnit.SECONDS)).isTrue();

            var refused = b.callTool(call("left__trigger-sampling-request", "B"));
            release.countDown();

            assertThat(text(refused)).contains("cannot tell which client");
            assertThat(askedB).isEmpty();
            assertThat(text(first.get(30, TimeUnit.SECONDS))).contains("answered by the client");
            assertThat(askedA).singleElement().asString().contains("context: A");
        }
    }

    private static Consumer<McpClient.SyncSpec> sampling(List<String> asked, CountDownLatch together) {
        return spec -> spec.capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                .sampling(request -> {
                    asked.add(prompt(request));
                    if (together != null) {
                        together.countDown();
                        await(together); // both requests are out before either is answered
                    }
                    return answer();
                });
    }

    /** On a thread of its own: the common pool (one thread on two cores) is the SDK client's own to use. */
    private static <T> CompletableFuture<T> inBackground(java.util.function.Supplier<T> work) {
        var done = new CompletableFuture<T>();
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static McpSchema.CreateMessageResult answer() {
        return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
                .content(new McpSchema.TextContent("answered by the client")).model("client-model").build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other request never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String prompt(McpSchema.CreateMessageRequest request) {
        return ((McpSchema.TextContent) request.messages().get(0).content()).text();
    }

    private static McpSchema.CallToolRequest call(String tool, String prompt) {
        return McpSchema.CallToolRequest.builder(tool).arguments(Map.of("prompt", prompt, "maxTokens", 5)).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
    }
}
