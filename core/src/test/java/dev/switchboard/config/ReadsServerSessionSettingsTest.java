package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server's {@code session:}: whether the gateway's clients share its session or get one each. */
class ReadsServerSessionSettingsTest {

    @Test
    void aServerIsSharedUnlessItSaysOtherwise() {
        SessionPolicy session = Configs.yaml("servers: {a: {command: x}}").server("a").orElseThrow().options()
                .session();

        assertThat(session).isEqualTo(SessionPolicy.DEFAULT);
        assertThat(session.mode()).isEqualTo(SessionPolicy.Mode.SHARED);
        assertThat(session.maxSessions()).isEqualTo(100);
        assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsTheModeAloneOrAMapOnTopOfTheDefaults() {
        SwitchboardConfig c = Configs.yaml("""
                defaults:
                  session: {max_sessions: 20, idle_timeout: 1m}
                servers:
                  browser: {command: x, session: per_client}
                  login: {url: https://login.example.com/mcp, session: {mode: per-client, max_sessions: 5}}
                  tuned: {command: x, session: {mode: PER_CLIENT, max_sessions: 7, idle_timeout: 30s}}
                  plain: {command: x}
                  said: {command: x, session: {mode: shared}}
                """);

        assertThat(session(c, "browser")).isEqualTo(SessionPolicy.builder().mode(SessionPolicy.Mode.PER_CLIENT)
                .maxSessions(20).idleTimeout(Duration.ofMinutes(1)).build());
        assertThat(session(c, "login")).isEqualTo(SessionPolicy.builder().mode(SessionPolicy.Mode.PER_CLIENT)
                .maxSessions(5).idleTimeout(Duration.ofMinutes(1)).build());
        assertThat(session(c, "tuned")).isEqualTo(new SessionPolicy(SessionPolicy.Mode.PER_CLIENT, 7,
                Duration.ofSeconds(30)));
        // defaults: may set the per_client limits for whichever servers are per_client; shared ones keep them unused.
        assertThat(session(c, "plain").mode()).isEqualTo(SessionPolicy.Mode.SHARED);
        assertThat(session(c, "said").mode()).isEqualTo(SessionPolicy.Mode.SHARED);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aServerInheritsTheModeOfDefaultsAndMaySetOnlyTheLimits() {
        SwitchboardConfig c = Configs.yaml("""
                defaults: {session: per_client}
                servers:
                  a: {command: x, session: {max_sessions: 3}}
                  b: {command: x, session: shared}
                """);

        assertThat(session(c, "a")).isEqualTo(SessionPolicy.builder().mode(SessionPolicy.Mode.PER_CLIENT)
                .maxSessions(3).build());
        assertThat(session(c, "b").mode()).isEqualTo(SessionPolicy.Mode.SHARED);
    }

    @Test
    void readsTheSameFromJson() {
        SwitchboardConfig c = Configs.json("""
                {"mcpServers": {
                  "browser": {"command": "npx", "session": {"mode": "per_client", "idle_timeout": "2m"}},
                  "docs": {"url": "https://docs.example.com/mcp", "session": "shared"}}}
                """, Map.of());

        assertThat(session(c, "browser")).isEqualTo(SessionPolicy.builder().mode(SessionPolicy.Mode.PER_CLIENT)
                .idleTimeout(Duration.ofMinutes(2)).build());
        assertThat(session(c, "docs")).isEqualTo(SessionPolicy.DEFAULT);
    }

    @Test
    void reportsEveryImpossibleSessionSettingAtItsKey() {
        assertThat(Configs.problems("""
                defaults: {session: {max_sessions: 0}}
                servers:
                  a: {command: x, session: per_user}
                  b: {command: x, session: {mode: shared, max_sessions: 5, idle_timeout: 1m}}
                  c: {command: x, session: {idle_timeout: 5m}}
                  d: {command: x, session: {mode: per_client, max_sessions: lots, idle_timeout: 10}}
                  e: {command: x, session: {mod: per_client}}
                  f: {command: x, session: [per_client]}
                  g: {command: x, sesion: per_client}
                  h: {command: x, session: perclient}
                """)).containsExactly(
                "defaults.session.max_sessions: 0 is out of range (expected: a whole number of sessions from 1 to"
                        + " 1000000)",
                "servers.a.session: \"per_user\" is not a session mode (expected: shared or per_client)",
                "servers.b.session.max_sessions: only applies to per_client sessions, and this server's session is"
                        + " shared (expected: mode: per_client, or no max_sessions)",
                "servers.b.session.idle_timeout: only applies to per_client sessions, and this server's session is"
                        + " shared (expected: mode: per_client, or no idle_timeout)",
                "servers.c.session.idle_timeout: only applies to per_client sessions, and this server's session is"
                        + " shared (expected: mode: per_client, or no idle_timeout)",
                "servers.d.session.max_sessions: \"lots\" is not a whole number (expected: a whole number of"
                        + " sessions from 1 to 1000000)",
                "servers.d.session.idle_timeout: 10 has no unit (expected: a duration like 500ms, 30s, 5m)",
                "servers.e.session.mod: unknown key (did you mean mode?)",
                "servers.f.session: is a list (expected: shared or per_client, or a map with mode, max_sessions,"
                        + " idle_timeout)",
                "servers.g.sesion: unknown key (did you mean session?)",
                "servers.h.session: \"perclient\" is not a session mode (did you mean per_client? expected: shared"
                        + " or per_client)");
    }

    @Test
    void aDisabledServersSessionProblemsAreWarnings() {
        SwitchboardConfig c = Configs.yaml("""
                servers:
                  a: {command: x}
                  b: {command: x, enabled: false, session: {max_sessions: 5}}
                """);

        assertThat(c.server("b")).isEmpty();
        assertThat(c.warnings()).singleElement().asString()
                .startsWith("servers.b.session.max_sessions: only applies to per_client sessions");
    }

    private static SessionPolicy session(SwitchboardConfig c, String server) {
        return c.server(server).orElseThrow().options().session();
    }
}
