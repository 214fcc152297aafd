package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.CallOptions;
import dev.switchboard.EngineOf;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Two users call one HTTP server at once, each with their own token, interleaved with calls on the server's shared
 * connection: every result names its own caller, the server sees each session with one token only, and closing
 * Switchboard leaves no session and no connection behind.
 */
class KeepsUsersApartOnTheirOwnSessionsTest {
    private static final int CALLS_PER_USER = 60;

    @Test
    void everyCallIsAnsweredForItsOwnUserOnThatUsersSession() throws Exception {
        try (RunningFakeServer fake = FakeMcpServer.builder().name("fake").tool(FakeTool.whoami("whoami"))
                .bearerUser("shared", "tok-shared-1").bearerUser("alice", "tok-alice-1")
                .bearerUser("bob", "tok-bob-1").startHttp()) {
            var config = SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                    .headers(Map.of("Authorization", "Bearer tok-shared-1")).build())).build();
            Map<String, Set<String>> sessionsOf = new HashMap<>();
            var sb = Switchboard.builder(config).start();
            try {
                var alice = CallOptions.DEFAULT.withCredentials(UserCredentials.bearer("alice", "tok-alice-1"));
                var bob = CallOptions.DEFAULT.withCredentials(UserCredentials.bearer("bob", () -> "tok-bob-1"));
                List<Future<String>> answers = new ArrayList<>();
                List<String> askedFor = new ArrayList<>();
                // Under each server's limit on calls in flight (32): the test is about isolation, not overload.
                var inFlight = new Semaphore(24);
                try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < CALLS_PER_USER; i++) {
                        askedFor.addAll(List.of("alice", "bob", "shared"));
                        answers.add(exec.submit(() -> whoami(sb, alice, inFlight)));
                        answers.add(exec.submit(() -> whoami(sb, bob, inFlight)));
                        answers.add(exec.submit(() -> whoami(sb, CallOptions.DEFAULT, inFlight)));
                    }
                }
                for (int i = 0; i < answers.size(); i++) {
                    String answer = answers.get(i).get();
                    assertThat(answer).as("call %d for %s", i, askedFor.get(i))
                            .startsWith("user=" + askedFor.get(i) + " ");
                    sessionsOf.computeIfAbsent(askedFor.get(i), u -> new HashSet<>())
                            .add(answer.substring(answer.indexOf("session=")));
                }
                assertThat(EngineOf.engine(sb).userSessions().users("svc")).containsExactlyInAnyOrder("alice",
                        "bob");
                assertThat(sb.tools("svc", UserCredentials.bearer("alice", "tok-alice-1"))).extracting("name")
                        .containsExactly("whoami");
            } finally {
                sb.close();
            }
            sessionsOf.values().forEach(s -> assertThat(s).as("one session per user").hasSize(1));
            assertThat(new HashSet<>(sessionsOf.values())).as("no session shared by two users").hasSize(3);
            Map<String, Set<String>> tokensOfSession = new HashMap<>();
            for (Map<String, List<String>> h : fake.receivedHeaders()) {
                if (h.containsKey("mcp-session-id")) {
                    tokensOfSession.computeIfAbsent(h.get("mcp-session-id").getFirst(), s -> new HashSet<>())
                            .addAll(h.getOrDefault("authorization", List.of("none")));
                }
            }
            assertThat(tokensOfSession).isNotEmpty();
            tokensOfSession.forEach((session, tokens) -> assertThat(tokens).as("tokens on session " + session)
                    .hasSize(1));
            assertThat(EngineOf.engine(sb).userSessions().size()).isZero();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fake.openConnections()).isZero());
        }
    }

    private static String whoami(Switchboard sb, CallOptions options, Semaphore inFlight)
            throws InterruptedException {
        inFlight.acquire();
        try {
            return sb.call(ToolCall.of("svc", "whoami", Map.of()), options).text();
        } finally {
            inFlight.release();
        }
    }
}
