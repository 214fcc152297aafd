package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code credentials: shared | per_user} of a server, with every mistake reported saying what was expected. */
class ReadsPerUserCredentialsTest {

    @Test
    void readsPerUserAndDefaultsToShared() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  crm: {url: "https://crm.example.com/mcp", credentials: per_user, auth: oauth}
                  wiki: {url: "https://wiki.example.com/mcp", credentials: per-user}
                  docs: {url: "https://docs.example.com/mcp"}
                """, java.util.Map.of());

        assertThat(Configs.http(c, "crm").options().credentials()).isEqualTo(CredentialsMode.PER_USER);
        assertThat(Configs.http(c, "wiki").options().credentials()).isEqualTo(CredentialsMode.PER_USER);
        assertThat(Configs.http(c, "docs").options().credentials()).isEqualTo(CredentialsMode.SHARED);
    }

    @Test
    void reportsEveryMistakeWithWhatWasExpected() {
        assertThat(Configs.problems("""
                servers:
                  a: {url: "https://a.example.com/mcp", credentials: per_usr}
                  b: {command: x, credentials: per_user}
                  c: {url: "https://c.example.com/mcp", credentials: per_user,
                      headers: {Authorization: "Bearer abcd", X-Api-Key: k, X-Tenant: acme}}
                """)).containsExactlyInAnyOrder(
                "servers.a.credentials: \"per_usr\" is not a credentials mode (expected: shared, or per_user for a"
                        + " server that every user reaches with their own token)",
                "servers.b.credentials: per_user is for HTTP servers, whose requests can carry each user's token"
                        + " (expected: shared for a stdio server)",
                "servers.c.headers.Authorization: is set with credentials: per_user (expected: none; each call"
                        + " carries its user's token, never a shared secret)",
                "servers.c.headers.X-Api-Key: is set with credentials: per_user (expected: none; each call"
                        + " carries its user's token, never a shared secret)");
    }
}
