package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two official TypeScript SDK clients, each in its own session, call progress tools of the same server at the same
 * time with the same progress token (the SDK's token is the request id, and both calls are request 1): each client
 * gets only its own progress notifications and its own result.
 */
class TypeScriptClientsKeepTheirProgressApartTest {

    @Test
    void eachClientSeesOnlyItsOwnProgressAndResult() throws Exception {
        try (Fixture fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.progress("five", 5, Duration.ofMillis(150)),
                        FakeTool.progress("three", 3, Duration.ofMillis(100)))
                .build())))) {
            List<JsonNode> lines = NodeScript.run("two-clients.mjs", fixture.url(), "alpha__five", "alpha__three");

            JsonNode a = NodeScript.with(lines, "clients").get(0);
            JsonNode b = NodeScript.with(lines, "clients").get(1);
            assertThat(a.get("token").isNull()).isFalse();
            assertThat(a.get("token")).as("both calls carry the same progress token").isEqualTo(b.get("token"));
            assertOwn(a, 5);
            assertOwn(b, 3);
            assertThat(b.path("firstProgress").asDouble()).as("b had progress while a's call was in flight")
                    .isLessThan(a.path("finished").asDouble());
            assertThat(NodeScript.reported(lines)).isEmpty();
        }
    }

    private static void assertOwn(JsonNode client, int steps) {
        JsonNode progress = client.get("progress");
        assertThat(progress).as("%s's progress", client.path("name").asText()).hasSize(steps);
        for (int i = 0; i < steps; i++) {
            assertThat(progress.get(i).path("progress").asInt()).isEqualTo(i + 1);
            assertThat(progress.get(i).path("message").asText()).isEqualTo("step " + (i + 1) + "/" + steps);
        }
        assertThat(client.at("/result/content/0/text").asText()).isEqualTo("done after " + steps + " steps");
    }
}
