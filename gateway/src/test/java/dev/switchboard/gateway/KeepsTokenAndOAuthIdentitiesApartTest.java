package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.GatewayToken;
import org.junit.jupiter.api.Test;

/**
 * The identity whose upstream grant a {@code credentials: per_user} server uses has a name space per kind: a gateway
 * token named {@code alice} and an OAuth identity {@code alice} (a claim the identity provider decides) are two
 * users, never one grant; anyone without authentication is no identity at all.
 */
class KeepsTokenAndOAuthIdentitiesApartTest {
    @Test
    void aTokenAndAnOAuthIdentityOfOneNameAreTwoUsers() {
        Caller token = new TokenCaller(GatewayToken.builder("alice", Guarded.ADMIN.hash()).build(), "__", null, null);
        Caller oauth = new OAuthCaller(null, null, "alice", "__", null, null);

        assertThat(token.name()).isEqualTo(oauth.name()).isEqualTo("alice");
        assertThat(token.identity()).isEqualTo("token:alice");
        assertThat(oauth.identity()).isEqualTo("oauth:alice");
        assertThat(Caller.ANYONE.identity()).isNull();
    }
}
