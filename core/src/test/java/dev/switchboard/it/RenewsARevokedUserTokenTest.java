package dev.switchboard.it;

import static dev.switchboard.it.UserFixture.whoami;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CallOptions;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.UserCredentials;
import dev.switchboard.testing.RunningFakeServer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A user's token revoked while their session is open: the server answers 401, Switchboard asks the user's token
 * supplier again and repeats the refused request with the new token, on the same session; when the supplier has
 * nothing new, the call ends in AUTH_FAILED naming the server and the user.
 */
class RenewsARevokedUserTokenTest {

    @Test
    void asksTheSupplierAgainAfterA401AndFailsWhenItHasNothingNew() {
        try (RunningFakeServer fake = UserFixture.server();
                var sb = Switchboard.builder(UserFixture.config(fake)).start()) {
            var current = new AtomicReference<>("tok-alice");
            var asked = new AtomicInteger();
            var alice = CallOptions.DEFAULT.withCredentials(UserCredentials.bearer("alice", () -> {
                asked.incrementAndGet();
                return current.get();
            }));
            String first = whoami(sb, alice);
            assertThat(first).startsWith("user=alice ");

            fake.revoke("tok-alice");
            fake.accept("tok-alice-2", "alice");
            current.set("tok-alice-2"); // what the application's refresh gives from now on
            int before = asked.get();
            assertThat(whoami(sb, alice)).isEqualTo(first); // same session, new token
            assertThat(asked.get()).isGreaterThan(before);
            assertThat(fake.receivedHeaders().getLast().get("authorization")).containsExactly("Bearer tok-alice-2");

            fake.revoke("tok-alice-2");
            assertThatThrownBy(() -> whoami(sb, alice)).isInstanceOfSatisfying(SwitchboardException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
                assertThat(e.getMessage()).contains("server 'svc'", "user 'alice'", "revoked")
                        .doesNotContain("tok-alice");
            });
        }
    }
}
