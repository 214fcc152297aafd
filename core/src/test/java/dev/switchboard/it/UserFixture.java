package dev.switchboard.it;

import dev.switchboard.CallOptions;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolCall;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A FakeMcpServer with the tools {@code whoami} and {@code hang} that accepts the shared token and the tokens of
 * alice, bob and carol, and the server "svc" that reaches it with the shared token: what the per-user tests start
 * from.
 */
final class UserFixture {
    private UserFixture() {
    }

    static RunningFakeServer server() {
        return FakeMcpServer.builder().name("fake").tool(FakeTool.whoami("whoami"), FakeTool.hang("hang"))
                .bearerUser("shared", "tok-shared").bearerUser("alice", "tok-alice").bearerUser("bob", "tok-bob")
                .bearerUser("carol", "tok-carol").startHttp();
    }

    static SwitchboardConfig config(RunningFakeServer fake) {
        return SwitchboardConfig.builder().servers(List.of(HttpServer.builder("svc", URI.create(fake.url()))
                .headers(Map.of("Authorization", "Bearer tok-shared")).build())).build();
    }

    /** The options of a call for {@code user} with the token the fake server knows for them. */
    static CallOptions as(String user) {
        return CallOptions.DEFAULT.withCredentials(UserCredentials.bearer(user, "tok-" + user));
    }

    /** What {@code whoami} answers to {@code user}: "user=... session=...". */
    static String whoami(Switchboard sb, CallOptions options) {
        return sb.call(ToolCall.of("svc", "whoami", Map.of()), options).text();
    }
}
