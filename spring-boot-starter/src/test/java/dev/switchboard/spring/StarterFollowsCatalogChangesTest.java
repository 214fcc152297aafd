package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.tool.ToolCallbackProvider;

/** The tool callbacks follow the live catalog: a disabled server's tools go, a reloaded file's new server's come. */
class StarterFollowsCatalogChangesTest {
    private static RunningFakeServer orders;
    private static RunningFakeServer stock;

    @BeforeAll
    static void startServers() {
        orders = FakeMcpServer.startHttp(FakeMcpServer.builder().name("orders").tool(FakeTool.echo("find")).build());
        stock = FakeMcpServer.startHttp(FakeMcpServer.builder().name("stock").tool(FakeTool.echo("count")).build());
    }

    @AfterAll
    static void stopServers() {
        orders.close();
        stock.close();
    }

    @Test
    void disablingAndEnablingAServerChangesTheCallbacks() {
        StarterFixtures.runner()
                .withPropertyValues(StarterFixtures.http("orders", orders))
                .withPropertyValues(StarterFixtures.http("stock", stock))
                .run(context -> {
                    ToolCallbackProvider provider = context.getBean(ToolCallbackProvider.class);
                    Switchboard sb = context.getBean(Switchboard.class);
                    assertThat(names(provider)).containsExactly("orders__find", "stock__count");

                    sb.disable("stock");
                    assertThat(names(provider)).containsExactly("orders__find");

                    sb.enable("stock");
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                            .until(() -> names(provider).contains("stock__count"));
                });
    }

    @Test
    void aServerAddedToTheConfigFileArrivesAfterAReload(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        write(file, Map.of("orders", orders));
        StarterFixtures.runner()
                .withPropertyValues("switchboard.config-file=" + file)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ToolCallbackProvider provider = context.getBean(ToolCallbackProvider.class);
                    assertThat(names(provider)).containsExactly("orders__find");

                    Map<String, RunningFakeServer> both = new LinkedHashMap<>();
                    both.put("orders", orders);
                    both.put("stock", stock);
                    write(file, both);
                    context.getBean(Switchboard.class).reload();

                    assertThat(names(provider)).containsExactly("orders__find", "stock__count");
                });
    }

    private static void write(Path file, Map<String, RunningFakeServer> servers) throws Exception {
        Map<String, Object> entries = new LinkedHashMap<>();
        servers.forEach((name, server) -> entries.put(name, Map.of("url", server.url())));
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("servers", entries)));
    }

    private static List<String> names(ToolCallbackProvider provider) {
        return Arrays.stream(provider.getToolCallbacks()).map(c -> c.getToolDefinition().name()).toList();
    }
}
