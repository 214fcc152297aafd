package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.ServerSession;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.ReferenceServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A server forgets subscriptions and its log level with its session: after server-everything is killed and
 * restarted, Switchboard gives the new session both again (the server acknowledges each subscribe with a log
 * message), and a completion is answered by the server.
 */
class RenewsSubscriptionsAfterARestartTest {

    @Test
    void aRestartedServerIsSubscribedAgainAndKeepsTheLogLevel() {
        List<String> logs = new CopyOnWriteArrayList<>();
        SwitchboardListener listener = new SwitchboardListener() {
            @Override
            public void serverLogged(SwitchboardEvent.ServerLogged event) {
                logs.add(event.server() + ": " + event.message().level() + " " + event.message().data());
            }
        };
        var config = SwitchboardConfig.of(List.of(Stdio.server("docs", ReferenceServer.everythingStdio())));
        try (var sb = Switchboard.builder(config).listener(listener).start()) {
            ServerSession docs = sb.session("docs");
            String uri = sb.resources().get("docs").get(0).uri();
            docs.setLogLevel(McpSchema.LoggingLevel.INFO);
            docs.subscribe(uri);
            String acknowledged = "docs: INFO Received Subscribe Resource request for URI: " + uri;
            await().atMost(Duration.ofSeconds(10)).until(() -> count(logs, acknowledged) == 1);

            ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains("server-everything")).forEach(ProcessHandle::destroyForcibly);

            await().atMost(Duration.ofSeconds(30)).until(() -> count(logs, acknowledged) == 2);
            assertThat(docs.capabilities().logging()).isNotNull();
            var completed = docs.complete(new McpSchema.CompleteRequest(new McpSchema.PromptReference(
                    "completable-prompt"), new McpSchema.CompleteRequest.CompleteArgument("department", "Sa")));
            assertThat(completed.completion().values()).containsExactly("Sales");
        }
    }

    private static long count(List<String> logs, String line) {
        return logs.stream().filter(l -> l.startsWith(line)).count();
    }
}
