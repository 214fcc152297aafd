package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ReloadResult;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the configuration file: an added server connects, a removed one is closed, a changed one is restarted,
 * and an untouched one keeps its process and session, even with a call in flight; an invalid file is rejected whole.
 */
class ReloadsConfigurationTest {
    private final Scenario a = ConfigFiles.scenario("a");
    private final Scenario b = ConfigFiles.scenario("b");
    private final Scenario c = ConfigFiles.scenario("c");
    private final Scenario d = ConfigFiles.scenario("d");

    @Test
    void addedRemovedChangedAndUnchangedServersAreEachHandledAsTheySay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        ConfigFiles.write(file, Map.of(), servers(Map.of("a", a, "b", b, "c", c), Map.of()));
        try (var sb = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file)
                .probeScheduler(new ManualProbes()).start()) {
            long pidA = ConfigFiles.pidOf(a);
            long pidB = ConfigFiles.pidOf(b);
            long pidC = ConfigFiles.pidOf(c);
            assertThat(List.of(pidA, pidB, pidC)).as("each server's process is found").allMatch(pid -> pid > 0);
            Instant sessionA = sb.status("a").connectedAt();
            var callOnA = CompletableFuture.supplyAsync(() -> sb.call("a", "slow", Map.of()));

            ConfigFiles.write(file, Map.of(), servers(Map.of("a", a, "b", b, "d", d),
                    Map.of("b", Map.of("description", "b, now described"))));
            ReloadResult result = sb.reload();

            assertThat(result).isEqualTo(new ReloadResult(List.of("d"), List.of("c"), List.of("b"), List.of("a")));
            assertThat(sb.status()).extracting(ServerStatus::name).containsExactly("a", "b", "d");
            assertThat(sb.status()).allSatisfy(s -> assertThat(s.ready()).isTrue());
            assertThat(ConfigFiles.pidOf(a)).as("the untouched server keeps its process").isEqualTo(pidA);
            assertThat(sb.status("a").connectedAt()).as("and its session").isEqualTo(sessionA);
            ToolResult r = callOnA.join();
            assertThat(r.isError()).as("a call in flight on it is not disturbed").isFalse();
            assertThat(ConfigFiles.pidOf(b)).isPositive().isNotEqualTo(pidB);
            assertThat(alive(pidB)).isFalse();
            assertThat(alive(pidC)).isFalse();
            assertThat(sb.config().server("b").orElseThrow().options().description()).isEqualTo("b, now described");
            assertThat(sb.call("d", "echo", Map.of("k", "v")).text()).contains("v");
            assertThat(sb.catalog()).extracting(e -> e.server()).containsOnly("a", "b", "d");
        }
    }

    @Test
    void anInvalidFileIsRejectedWholeAndTheRunningConfigurationStays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        ConfigFiles.write(file, Map.of(), servers(Map.of("a", a), Map.of()));
        try (var sb = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file)
                .probeScheduler(new ManualProbes()).start()) {
            long pidA = ConfigFiles.pidOf(a);
            // One good change (a new server) and one bad one: nothing of it may apply.
            var next = servers(Map.of("a", a, "d", d), Map.of("a", Map.of("priority", 0)));
            ConfigFiles.write(file, Map.of(), next);
            assertThatThrownBy(sb::reload).isInstanceOfSatisfying(ConfigException.class,
                    e -> assertThat(e.getMessage()).contains("servers.a.priority"));
            assertThat(sb.status()).extracting(ServerStatus::name).containsExactly("a");
            assertThat(sb.status("a").ready()).isTrue();
            assertThat(ConfigFiles.pidOf(a)).isEqualTo(pidA);
            assertThat(ConfigFiles.pidOf(d)).isEqualTo(-1);
        }
    }

    @Test
    void aWatchedFileIsReloadedWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        Map<String, Object> watch = Map.of("watch_config", true);
        ConfigFiles.write(file, watch, servers(Map.of("a", a), Map.of()));
        try (var sb = Switchboard.builder(ConfigLoader.create().load(file)).configFile(file)
                .probeScheduler(new ManualProbes()).start()) {
            ConfigFiles.write(file, watch, servers(Map.of("a", a, "d", d), Map.of()));
            // Waits for the file system's change event, not for a timer of ours.
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> sb.status().size() == 2 && sb.status("d").ready());
            assertThat(Files.exists(file)).isTrue();
        }
    }

    private static Map<String, Map<String, Object>> servers(Map<String, Scenario> scenarios,
            Map<String, Map<String, Object>> extra) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        scenarios.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(),
                ConfigFiles.stdio(e.getValue(), extra.getOrDefault(e.getKey(), Map.of()))));
        return out;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
