package dev.switchboard.it;

import static dev.switchboard.it.UserFixture.as;
import static dev.switchboard.it.UserFixture.whoami;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.CallOptions;
import dev.switchboard.EngineOf;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.RunningFakeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token the server refuses (HTTP 401) ends the user's call in AUTH_FAILED naming the server and the user, never
 * the token, in the error, its toString, the status and every log event (at TRACE, HTTP exchanges included); the refused session is dropped, so the
 * user's next call with a good token works. A stdio server cannot take a user's credentials: INVALID_ARGUMENTS
 * that says what to do.
 */
class RefusesAUsersTokenNamingTheUserTest {
    private static final String WRONG = "tok-wrong-5e1f";

    @Test
    void aRefusedTokenFailsTheCallWithAuthFailedNamingServerAndUser() {
        List<String> seen = new ArrayList<>();
        try (var logs = new LibraryLogs(); RunningFakeServer fake = UserFixture.server();
                var sb = Switchboard.builder(UserFixture.config(fake).toBuilder()
                        .logging(LogSettings.builder().level("TRACE").build()).build()).start()) {
            var wrong = UserCredentials.bearer("alice", WRONG);
            CallOptions options = CallOptions.DEFAULT.withCredentials(wrong);
            assertThatThrownBy(() -> whoami(sb, options)).isInstanceOfSatisfying(SwitchboardException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                assertThat(e.server()).contains("svc");
                assertThat(e.getMessage()).contains("server 'svc'", "user 'alice'", "valid token");
                seen.add(e.toString());
                seen.add(String.valueOf(e.getCause()));
            });
            assertThat(EngineOf.engine(sb).userSessions().users("svc")).as("the refused session is dropped")
                    .isEmpty();
            assertThat(whoami(sb, as("alice"))).startsWith("user=alice ");

            seen.add(wrong.toString());
            seen.add(options.toString());
            sb.status().forEach(s -> seen.add(s.toString()));
            for (ILoggingEvent e : logs.all()) {
                seen.add(e.getFormattedMessage());
                if (e.getKeyValuePairs() != null) {
                    e.getKeyValuePairs().forEach(kv -> seen.add(kv.key + "=" + kv.value));
                }
                if (e.getThrowableProxy() != null) {
                    seen.add(e.getThrowableProxy().getMessage());
                }
            }
            assertThat(logs.named("user_session.refused")).singleElement()
                    .satisfies(e -> assertThat(LibraryLogs.field(e, "user")).isEqualTo("alice"));
        }
        assertThat(seen).noneMatch(s -> s != null && (s.contains(WRONG) || s.contains("tok-alice")));
    }

    @Test
    void aStdioServerRefusesCredentialsSayingWhatToDo() {
        var stdio = StdioServer.builder("local", "true").options(ServerOptions.builder().enabled(false).build())
                .build();
        var config = dev.switchboard.config.SwitchboardConfig.builder().servers(List.of(stdio)).build();
        try (var sb = Switchboard.start(config)) {
            assertThatThrownBy(() -> sb.call(ToolCall.of("local", "anything", Map.of()), as("alice")))
                    .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                        assertThat(e.getMessage()).contains("server 'local'", "stdio", "user 'alice'",
                                "without credentials");
                    });
        }
    }
}
