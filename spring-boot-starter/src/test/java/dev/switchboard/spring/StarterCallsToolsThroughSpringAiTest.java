package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tools reach the server through Spring AI callbacks, and every kind of failure comes back as text. */
class StarterCallsToolsThroughSpringAiTest {
    private static RunningFakeServer server;

    @BeforeAll
    static void startServer() {
        server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("tools")
                .tool(FakeTool.echo("echo").withDescription("Says it back"),
                        FakeTool.error("fails", "no such order 42"),
                        FakeTool.rpcError("breaks", -32000, "the database is down")).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void callbacksDescribeTheToolsAndCallThemThroughSwitchboard() {
        StarterFixtures.runner().withPropertyValues(StarterFixtures.http("shop", server)).run(context -> {
            ToolCallbackProvider provider = context.getBean(ToolCallbackProvider.class);
            ToolCallback echo = callback(provider, "shop__echo");
            assertThat(echo.getToolDefinition().description()).isEqualTo("Says it back");
            assertThat(echo.getToolDefinition().inputSchema()).contains("\"type\":\"object\"");

            int before = server.receivedCalls().size();
            String answer = echo.call("{\"order\": \"42\", \"express\": true}");

            assertThat(answer).contains("42").contains("express");
            assertThat(server.receivedCalls()).hasSize(before + 1).last()
                    .satisfies(c -> assertThat(c.arguments()).isEqualTo(Map.of("order", "42", "express", true)));
        });
    }

    @Test
    void toolErrorsAndFailedCallsComeBackAsTextNamingServerAndTool() {
        StarterFixtures.runner().withPropertyValues(StarterFixtures.http("shop", server)).run(context -> {
            ToolCallbackProvider provider = context.getBean(ToolCallbackProvider.class);

            assertThat(callback(provider, "shop__fails").call("{}"))
                    .isEqualTo("Error: tool fails of server shop reported an error: no such order 42");
            assertThat(callback(provider, "shop__breaks").call("{}"))
                    .startsWith("Error: calling tool breaks of server shop failed (RPC_ERROR): ")
                    .contains("the database is down");

            int before = server.receivedCalls().size();
            assertThat(callback(provider, "shop__echo").call("[1, 2]"))
                    .startsWith("Error: the arguments for tool echo of server shop are not a JSON object");
            assertThat(server.receivedCalls()).as("nothing sent").hasSize(before);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OnlyEcho {
        @Bean
        SwitchboardToolCallbackProvider onlyEcho(Switchboard switchboard) {
            return new SwitchboardToolCallbackProvider(switchboard, entry -> entry.tool().equals("echo"));
        }
    }

    @Test
    void anApplicationsOwnProviderWithAFilterReplacesTheDefaultOne() {
        StarterFixtures.runner().withPropertyValues(StarterFixtures.http("shop", server))
                .withUserConfiguration(OnlyEcho.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(SwitchboardToolCallbackProvider.class).hasBean("onlyEcho");
                    assertThat(context.getBean(ToolCallbackProvider.class).getToolCallbacks())
                            .extracting(c -> c.getToolDefinition().name()).containsExactly("shop__echo");
                });
    }

    private static ToolCallback callback(ToolCallbackProvider provider, String name) {
        return Arrays.stream(provider.getToolCallbacks()).filter(c -> c.getToolDefinition().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no callback " + name + " in "
                        + Arrays.stream(provider.getToolCallbacks()).map(c -> c.getToolDefinition().name()).toList()));
    }
}
