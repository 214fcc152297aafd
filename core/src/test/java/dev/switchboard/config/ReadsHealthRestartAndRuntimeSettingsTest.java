package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code health:} and {@code restart:} settings (per server and in defaults) and the runtime orchestration keys. */
class ReadsHealthRestartAndRuntimeSettingsTest {

    @Test
    void serverSettingsOverlayDefaultsWhichOverlayTheBuiltIns() {
        SwitchboardConfig c = Configs.yaml("""
                orchestration: {state_file: /var/lib/switchboard/state.json, drain_timeout: 3s, watch_config: true}
                defaults:
                  health: {interval: 10s, unhealthy_after: 5}
                  restart: {max_restarts: 4}
                servers:
                  api:
                    url: https://api.example.com/mcp
                    health: {probe: http-get, path: /healthz, timeout: 1s, degraded_after: 300ms}
                    restart: {window: 2m, stable_after: 1m}
                  fs: {command: x, health: {probe: list-tools}}
                  plain: {command: y}
                """);
        assertThat(c.orchestration().stateFile()).isEqualTo(Path.of("/var/lib/switchboard/state.json"));
        assertThat(c.orchestration().drainTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.orchestration().watchConfig()).isTrue();
        assertThat(c.server("api").orElseThrow().options().health()).isEqualTo(HealthPolicy.builder()
                .probe(HealthPolicy.Probe.HTTP_GET).path("/healthz").interval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(1)).degradedAfter(Duration.ofMillis(300)).unhealthyAfter(5).build());
        assertThat(c.server("api").orElseThrow().options().restart()).isEqualTo(RestartPolicy.builder().maxRestarts(4)
                .window(Duration.ofMinutes(2)).stableAfter(Duration.ofMinutes(1)).build());
        assertThat(c.server("fs").orElseThrow().options().health().probe()).isEqualTo(HealthPolicy.Probe.LIST_TOOLS);
        HealthPolicy plain = c.server("plain").orElseThrow().options().health();
        assertThat(plain.probe()).isEqualTo(HealthPolicy.Probe.PING);
        assertThat(plain.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plain.timeout()).isEqualTo(HealthPolicy.DEFAULT.timeout());
    }

    @Test
    void withoutSettingsTheDocumentedDefaultsApply() {
        SwitchboardConfig c = Configs.yaml("servers: {a: {command: x}}");
        ServerOptions o = c.server("a").orElseThrow().options();
        assertThat(o.health()).isEqualTo(HealthPolicy.builder().probe(HealthPolicy.Probe.PING).path(null)
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5)).degradedAfter(Duration.ofSeconds(2))
                .unhealthyAfter(3).build());
        assertThat(o.restart()).isEqualTo(RestartPolicy.builder().maxRestarts(0).window(Duration.ofMinutes(10))
                .stableAfter(Duration.ofMinutes(5)).build());
        assertThat(c.orchestration().stateFile()).isNull();
        assertThat(c.orchestration().drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.orchestration().watchConfig()).isFalse();
    }

    @Test
    void rejectsImpossibleHealthAndRestartSettingsEachAtItsKey() {
        assertStartWith(Configs.problems("""
                orchestration: {drain_timeout: soon, watch_config: sometimes, state_file: ""}
                servers:
                  a: {command: x, health: {probe: http-get, path: /h}}
                  b: {url: https://b.example.com/mcp, health: {probe: http-get}}
                  c: {command: x, health: {probe: pong, intervall: 5s}}
                  d: {command: x, health: {timeout: 1s, degraded_after: 2s, unhealthy_after: 0}}
                  e: {command: x, health: {path: /h}, restart: {max_restarts: -1, window: 0s}}
                """), List.of(
                "orchestration.drain_timeout: \"soon\" is not a duration",
                "orchestration.watch_config: \"sometimes\" is not a boolean",
                "orchestration.state_file: is blank",
                "servers.a.health.probe: http-get is for HTTP servers",
                "servers.b.health.probe: http-get needs a path",
                "servers.c.health.probe: \"pong\" is not a probe (expected: ping, list-tools, http-get or none)",
                "servers.c.health.intervall: unknown key (did you mean interval?)",
                "servers.d.health.unhealthy_after: 0 is out of range",
                "servers.e.health.path: is only used by the http-get probe",
                "servers.e.restart.max_restarts: -1 is out of range",
                "servers.e.restart.window: \"0s\" is not positive"));
        assertStartWith(Configs.problems("servers: {d: {command: x, health: {timeout: 1s, degraded_after: 2s}}}"),
                List.of("servers.d.health.degraded_after: degraded_after 2s is not less than timeout 1s"));
    }

    private static void assertStartWith(List<String> problems, List<String> prefixes) {
        for (String prefix : prefixes) {
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(prefix));
        }
        assertThat(problems).hasSize(prefixes.size());
    }
}
