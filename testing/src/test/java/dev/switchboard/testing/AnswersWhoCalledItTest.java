package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that accepts several bearer tokens, each as a user: {@code whoami} answers the user and the session of
 * each client, a token accepted while it runs works at once, and a revoked one is refused with 401 from then on.
 */
@Timeout(60)
class AnswersWhoCalledItTest {

    @Test
    void answersEachClientsUserAndRefusesARevokedToken() {
        try (var server = FakeMcpServer.builder().tool(FakeTool.whoami("whoami")).bearerUser("alice", "tok-a")
                .bearerUser("bob", "tok-b").startHttp()) {
            var alice = Clients.http(server.baseUrl(), "tok-a");
            var bob = Clients.http(server.baseUrl(), "tok-b");
            try {
                alice.initialize();
                bob.initialize();
                String a = Clients.text(Clients.call(alice, "whoami", Map.of()));
                String b = Clients.text(Clients.call(bob, "whoami", Map.of()));
                assertThat(a).startsWith("user=alice session=");
                assertThat(b).startsWith("user=bob session=");
                assertThat(a.substring(a.indexOf("session="))).isNotEqualTo(b.substring(b.indexOf("session=")));

                server.revoke("tok-a");
                assertThatThrownBy(() -> Clients.call(alice, "whoami", Map.of()));
                assertThat(Clients.text(Clients.call(bob, "whoami", Map.of()))).isEqualTo(b);
            } finally {
                alice.close();
                bob.close();
            }
            server.accept("tok-c", "carol");
            var carol = Clients.http(server.baseUrl(), "tok-c");
            try {
                carol.initialize();
                assertThat(Clients.text(Clients.call(carol, "whoami", Map.of()))).startsWith("user=carol ");
            } finally {
                carol.closeGracefully();
            }
        }
    }
}
