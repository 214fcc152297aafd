package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintsCheckReportAsJsonTest {
    private static final List<String> SERVER_FIELDS = List.of("name", "description", "state", "required",
            "transport", "protocolVersion", "serverName", "serverVersion", "capabilities", "tools", "resources",
            "prompts", "connectMs", "error", "health");
    private static final List<String> HEALTH_FIELDS = List.of("state", "reason", "lastResponseMs",
            "averageResponseMs", "consecutiveFailures", "lastError", "lastSuccess", "uptimeMs", "restarts");

    @TempDir
    Path dir;

    @Test
    void stdoutIsOneJsonDocumentWithTheDocumentedFieldsWhileLogsGoToStderr() throws Exception {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("alpha", Configs.requiredStdio(Configs.alpha()));
        servers.put("broken", Configs.missingCommand(false));
        servers.put("spare", Map.of("command", "/usr/bin/env", "enabled", false));

        Cli.Result r = Cli.run("check", Configs.write(dir, servers).toString(), "--json", "--log-level", "info");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("ok").asBoolean()).isTrue();
        JsonNode alpha = report.get("servers").get(0);
        assertThat(alpha.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(SERVER_FIELDS);
        assertThat(alpha.get("state").asText()).isEqualTo("READY");
        assertThat(alpha.get("transport").asText()).isEqualTo("stdio");
        assertThat(alpha.get("serverName").asText()).isEqualTo("alpha-server");
        assertThat(alpha.get("tools").asInt()).isEqualTo(3);
        assertThat(alpha.get("connectMs").asLong()).isPositive();
        assertThat(alpha.get("error").isNull()).isTrue();
        JsonNode health = alpha.get("health");
        assertThat(health.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(HEALTH_FIELDS);
        assertThat(health.get("state").asText()).as("check probes every ready server once").isEqualTo("HEALTHY");
        assertThat(health.get("lastResponseMs").isNumber()).isTrue();
        assertThat(health.get("lastSuccess").asText()).isNotBlank();
        assertThat(health.get("restarts").asInt()).isZero();
        JsonNode broken = report.get("servers").get(1);
        assertThat(broken.get("state").asText()).isEqualTo("FAILED");
        assertThat(broken.get("tools").isNull()).isTrue();
        assertThat(broken.get("error").get("code").asText()).isEqualTo("PROCESS_START_FAILED");
        assertThat(broken.get("error").get("retryable").asBoolean()).isFalse();
        assertThat(broken.get("health").get("state").asText()).isEqualTo("UNHEALTHY");
        assertThat(broken.get("health").get("lastError").get("code").asText()).isEqualTo("PROCESS_START_FAILED");
        assertThat(report.get("servers").get(2).get("state").asText()).isEqualTo("DISABLED");
        assertThat(r.err()).contains("upstream.ready");
    }

    @Test
    void failedRequiredServerMakesOkFalse() throws Exception {
        Path file = Configs.write(dir, Map.of("broken", Configs.missingCommand(true)));

        Cli.Result r = Cli.run("check", file.toString(), "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(r.out()).get("ok").asBoolean()).isFalse();
    }
}
