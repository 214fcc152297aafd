package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ToolCall;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the dashboard's screenshots in docs/ (light and dark, a phone's, a tool's page), from the servers of the browser tests with health
 * probes every second and a few calls, so that the charts and figures have something to show. Not part of the test
 * run; regenerate them with
 *
 * <pre>
 * ./mvnw -B -q -pl gateway -am verify -Dtest=TakesDashboardScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dswitchboard.screenshots=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "switchboard.screenshots", matches = "true")
class TakesDashboardScreenshots {

    @Test
    void lightAndDark() throws Exception {
        Path docs = Path.of(System.getProperty("switchboard.docs", "../docs")).toAbsolutePath().normalize();
        assertThat(docs.resolve("gateway.md")).exists();
        List<ServerConfig> servers = Dashboards.servers().stream().map(s -> (ServerConfig) ((StdioServer) s)
                .withOptions(s.options().toBuilder().health(HealthPolicy.builder().interval(Duration.ofSeconds(1))
                        .build()).build())).toList();
        try (Fixture fixture = Fixture.start(servers); Browser browser = Browser.start()) {
            for (int i = 0; i < 12; i++) {
                fixture.switchboard.call(ToolCall.of("alpha", "search", Map.of("query", "q" + i, "count", i + 1)));
                fixture.switchboard.call(ToolCall.of("beta", "echo", Map.of("n", i)));
            }
            // Enough probes seen for the charts: the gateway samples every 5 s.
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    new RestClient(fixture.url()).get("/api/v1/servers/alpha").json().path("recent").path("probes")
                            .size() >= 6);
            String page = fixture.url().resolve("/").toString();
            for (String scheme : List.of("light", "dark")) {
                browser.open(page, scheme).waitFor("#servers .card[data-server='broken'] [data-role='last-error']");
                browser.until("() => document.querySelectorAll('.sparkline polyline').length >= 2", null);
                browser.run("screenshot", "path", docs.resolve("dashboard-" + scheme + ".png").toString());
            }
            browser.run("open", "colorScheme", "dark", "width", 390, "height", 844); // a phone
            browser.run("goto", "url", page);
            browser.until("() => document.querySelectorAll('.sparkline polyline').length >= 2", null);
            browser.run("screenshot", "path", docs.resolve("dashboard-phone.png").toString(), "fullPage", false);
            browser.run("open", "colorScheme", "light", "height", 1320); // the whole form, under the sticky bar
            browser.run("goto", "url", page + "#/tools/alpha__search");
            browser.waitFor("#try");
            browser.fill("#try [name='query']", "needle").click("#try button[type='submit']")
                    .waitFor("[data-role='result']");
            browser.run("screenshot", "path", docs.resolve("dashboard-tool.png").toString(), "fullPage", false);
        }
        assertThat(Files.size(docs.resolve("dashboard-dark.png"))).isPositive();
    }
}
