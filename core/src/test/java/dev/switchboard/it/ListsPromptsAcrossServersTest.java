package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.NamedPrompt;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prompts of two servers: a name only one server has is offered as is, a shared one as {@code <server>__<name>}. */
class ListsPromptsAcrossServersTest {
    private static RunningFakeServer alpha;
    private static RunningFakeServer beta;
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        alpha = FakeMcpServer.builder().name("alpha")
                .prompt(FakePrompt.of("greet", "greets", List.of("who"), "alpha says hello to {{who}}"),
                        FakePrompt.of("summarize", "summarizes", List.of("text"), "summary of {{text}}"))
                .startHttp();
        beta = FakeMcpServer.builder().name("beta")
                .prompt(FakePrompt.of("greet", "greets", List.of("who"), "beta says hello to {{who}}")).startHttp();
        sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                ResourceFixtures.http("alpha", alpha, ResourceFixtures.options(20)),
                ResourceFixtures.http("beta", beta, ResourceFixtures.options(10)))));
    }

    @AfterAll
    static void stop() {
        sb.close();
        alpha.close();
        beta.close();
    }

    @Test
    void sharedNamesAreQualifiedAndUniqueOnesAreNot() {
        assertThat(sb.prompts()).extracting(NamedPrompt::name, NamedPrompt::server).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("alpha__greet", "alpha"),
                org.assertj.core.groups.Tuple.tuple("summarize", "alpha"),
                org.assertj.core.groups.Tuple.tuple("beta__greet", "beta"));
    }

    @Test
    void getsAPromptByItsOfferedName() {
        assertThat(text(sb.getPrompt("summarize", Map.of("text", "the report")))).isEqualTo("summary of the report");
        assertThat(text(sb.getPrompt("beta__greet", Map.of("who", "ana")))).isEqualTo("beta says hello to ana");
        assertThat(text(sb.getPrompt("alpha__greet", Map.of("who", "ana")))).isEqualTo("alpha says hello to ana");
    }

    @Test
    void aSharedBareNameGoesToTheHighestPriorityServerAndAnUnknownOneSuggestsTheClosest() {
        // beta is second in the configuration but has the higher priority (lower number), as tools resolve.
        assertThat(text(sb.getPrompt("greet", Map.of("who", "ana")))).isEqualTo("beta says hello to ana");
        assertThatThrownBy(() -> sb.getPrompt("sumarize", Map.of()))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PROMPT);
                    assertThat(e.getMessage()).contains("did you mean summarize");
                });
    }

    private static String text(McpSchema.GetPromptResult result) {
        return ((McpSchema.TextContent) result.messages().get(0).content()).text();
    }
}
