package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.ReferenceServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two official TypeScript SDK clients, each in its own session, call the sampling tools of two server-everything
 * servers ("left" and "right") with both sampling requests outstanding at once: each client's handler receives only
 * the request of its own call, and each call's result carries only its own client's answer; also when the second
 * client uses the legacy HTTP+SSE transport. Each handler waits, before it answers, until the other client's handler
 * has been asked (two-samplers.mjs), so the two requests certainly overlap.
 */
class TypeScriptClientAnswersOnlyTheSamplingOfItsOwnCallTest {
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(Fixture.stdio("left", ReferenceServer.everythingStdio()),
                Fixture.stdio("right", ReferenceServer.everythingStdio())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "the second client over {0}")
    @EnumSource(ClientTransport.class)
    void withBothRequestsOutstandingEachClientAnswersOnlyItsOwnCall(ClientTransport second) throws Exception {
        List<JsonNode> lines = NodeScript.run("two-samplers.mjs", fixture.url(),
                "left__trigger-sampling-request", "from A", "right__trigger-sampling-request", "from B",
                second.of(fixture.gateway).toString());

        JsonNode a = NodeScript.with(lines, "clients").get(0);
        JsonNode b = NodeScript.with(lines, "clients").get(1);
        assertThat(b.path("transport").asText()).isEqualTo(second == ClientTransport.LEGACY_SSE ? "sse"
                : "streamable-http");
        assertOnlyItsOwn(a, "from A", b);
        assertOnlyItsOwn(b, "from B", a);
        assertThat(a.path("askedAt").asDouble()).as("a was asked before b answered")
                .isLessThan(b.path("answeredAt").asDouble());
        assertThat(b.path("askedAt").asDouble()).as("b was asked before a answered")
                .isLessThan(a.path("answeredAt").asDouble());
        assertThat(NodeScript.reported(lines)).isEmpty();
    }

    private static void assertOnlyItsOwn(JsonNode client, String prompt, JsonNode other) {
        String name = client.path("name").asText();
        assertThat(client.get("asked")).as("the sampling requests %s's handler received", name).hasSize(1);
        assertThat(client.at("/asked/0/text").asText()).as("%s's handler got the request of its own call", name)
                .isEqualTo("Resource trigger-sampling-request context: " + prompt);
        String result = client.at("/result/content/0/text").asText();
        assertThat(result).as("%s's call result", name).contains(client.path("answer").asText(), name + "-model")
                .doesNotContain(other.path("name").asText());
    }
}
