package dev.switchboard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void aBearerHeaderMasksTheCredentialButNotTheWordBearer() {
        Redactor.rememberNamed(Map.of("Authorization", "Bearer tok-41f7c2", "X-Empty", "Bearer "));
        assertThat(Redactor.scrub("sent Bearer tok-41f7c2; server echoed tok-41f7c2"))
                .isEqualTo("sent ***; server echoed ***");
        assertThat(Redactor.scrub("the server asks for a Bearer token")).isEqualTo(
                "the server asks for a Bearer token");
    }

    @Test
    void urlsLoseUserInfoAndSecretQueryValues() {
        assertThat(Redactor.url("https://bob:pw123@host.example/mcp?api_key=k1&page=2&token=t9"))
                .isEqualTo("https://***@host.example/mcp?api_key=***&page=2&token=***");
        assertThat(Redactor.scrub("GET http://u:p@h/x?access_token=zz failed"))
                .isEqualTo("GET http://***@h/x?access_token=*** failed");
    }

    @Test
    void secretLookingFlagsHaveTheirValuesMasked() {
        assertThat(Redactor.args(List.of("--port", "80", "--api-key", "k-77", "--token=t-88", "plain")))
                .containsExactly("--port", "80", "--api-key", "***", "--token=***", "plain");
    }

    @Test
    void mapsShowNamesOnly() {
        assertThat(Redactor.valuesOf(Map.of("A", "1", "B", "2"))).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("A", "***", "B", "***")));
    }
}
