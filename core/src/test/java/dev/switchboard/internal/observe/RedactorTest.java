package dev.switchboard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that are secret by their name or place are found, and masked where they are formatted. */
class RedactorTest {

    @Test
    void aSensitiveNameMakesItsValueSecretAndABearerCredentialToo() {
        assertThat(Redactor.namedSecrets(Map.of("Authorization", "Bearer tok-41f7c2"))).containsExactlyInAnyOrder(
                "Bearer tok-41f7c2", "tok-41f7c2");
        assertThat(Redactor.namedSecrets(Map.of("NODE_ENV", "production", "X-Tenant", "acme-0001"))).isEmpty();
    }

    @Test
    void urlsLoseUserInfoAndSecretQueryValues() {
        String url = "https://bob:pw123@host.example/mcp?api_key=k1&page=2&token=t9";
        assertThat(Redactor.url(url)).isEqualTo("https://***@host.example/mcp?api_key=***&page=2&token=***");
        assertThat(Redactor.urlSecrets(url)).containsExactly("bob:pw123", "pw123", "k1", "t9");
        assertThat(Redactor.maskUrlsIn("GET http://u:p@h/x?access_token=zz failed"))
                .isEqualTo("GET http://***@h/x?access_token=*** failed");
    }

    @Test
    void secretLookingFlagsHaveTheirValuesMasked() {
        List<String> args = List.of("--port", "80", "--api-key", "k-77", "--token=t-88", "plain");
        assertThat(Redactor.args(args)).containsExactly("--port", "80", "--api-key", "***", "--token=***", "plain");
        assertThat(Redactor.flagSecrets(args)).containsExactly("k-77", "t-88");
    }

    @Test
    void mapsShowNamesOnly() {
        assertThat(Redactor.valuesOf(Map.of("A", "1", "B", "2"))).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("A", "***", "B", "***")));
    }
}
