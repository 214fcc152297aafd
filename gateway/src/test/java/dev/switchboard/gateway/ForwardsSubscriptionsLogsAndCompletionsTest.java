package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ReferenceServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * server-everything behind the gateway: {@code completion/complete} is routed to the prompt's server; a
 * subscription reaches the owning server and its updates reach the subscribed client only; the server's log messages
 * reach the clients that set a level, and no other.
 */
class ForwardsSubscriptionsLogsAndCompletionsTest {
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("docs", ReferenceServer.everythingStdio())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPromptArgumentIsCompletedByThePromptsServer() {
        try (McpSyncClient client = fixture.javaClient()) {
            String prompt = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name)
                    .filter(n -> n.endsWith("completable-prompt")).findFirst().orElseThrow();

            var result = client.completeCompletion(new McpSchema.CompleteRequest(new McpSchema.PromptReference(
                    prompt), new McpSchema.CompleteRequest.CompleteArgument("department", "Eng")));

            assertThat(result.completion().values()).containsExactly("Engineering");
        }
    }

    @Test
    void updatesReachTheSubscribedClientAndLogsTheClientsThatSetALevel() {
        Heard a = new Heard();
        Heard b = new Heard();
        try (McpSyncClient subscriber = fixture.javaClient(a::listen);
                McpSyncClient bystander = fixture.javaClient(b::listen)) {
            String uri = subscriber.listResources().resources().get(0).uri();
            subscriber.setLoggingLevel(McpSchema.LoggingLevel.INFO);

            subscriber.subscribeResource(new McpSchema.SubscribeRequest(uri));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.logs.stream().anyMatch(m -> String.valueOf(m.data())
                    .contains("Received Subscribe Resource request for URI: " + uri)));
            subscriber.callTool(McpSchema.CallToolRequest.builder("docs__toggle-subscriber-updates")
                    .arguments(Map.of()).build());

            // server-everything sends updates of subscribed resources every 5 s once toggled on
            await().atMost(Duration.ofSeconds(15)).until(() -> a.updated.contains(uri));
            assertThat(b.updated).isEmpty();
            assertThat(b.logs).isEmpty();
            assertThat(a.logs).allSatisfy(m -> assertThat(m.level().level())
                    .isGreaterThanOrEqualTo(McpSchema.LoggingLevel.INFO.level()));
        }
    }

    /** What one client heard: log messages and the URIs of updated resources. */
    private static final class Heard {
        final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        final List<String> updated = new CopyOnWriteArrayList<>();

        void listen(McpClient.SyncSpec spec) {
            spec.loggingConsumer(logs::add).resourcesUpdateConsumer(contents -> contents.forEach(c ->
                    updated.add(c.uri())));
        }
    }
}
