package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ApiBoundaryTest only proves something if its checker finds leaks: here the same checker, with the same rule of what
 * is allowed, inspects a fixture that leaks in every place a signature can, and must report each leak and nothing else.
 */
class ReportsEveryApiLeakTest {

    @Test
    void reportsEachLeakOfTheFixtureAndNothingAllowed() {
        var checker = new SignatureLeakChecker(ApiBoundaryTest.allowedIn(ExportedApi.ofCore()));

        var leaks = checker.leaks(List.of(LeakingApiFixture.class, LeakingApiFixture.Hidden.class,
                LeakingApiFixture.Items.class, LeakingApiFixture.Subscriber.class));

        String fixture = "dev.switchboard.LeakingApiFixture";
        assertThat(leaks).containsExactlyInAnyOrder(
                fixture + "#type parameters: io.modelcontextprotocol.client.McpSyncClient",
                fixture + "#implements: io.modelcontextprotocol.json.McpJsonMapper",
                fixture + "#get(): io.modelcontextprotocol.json.McpJsonMapper",
                fixture + "#node: com.fasterxml.jackson.databind.JsonNode",
                fixture + "#LeakingApiFixture(CircuitBreaker[]): io.github.resilience4j.circuitbreaker.CircuitBreaker",
                fixture + "#fetch(): reactor.core.publisher.Mono",
                fixture + "#accept(List): dev.switchboard.internal.upstream.Upstream",
                fixture + "#transport(McpClientTransport): io.modelcontextprotocol.spec.McpClientTransport",
                fixture + "#send(): io.modelcontextprotocol.spec.McpError",
                fixture + "#subscribe(Consumer): org.reactivestreams.Publisher",
                fixture + "#servers(): io.modelcontextprotocol.server.McpSyncServer",
                fixture + "#schema(): com.networknt.schema.Schema",
                // A package-private type in an exported package cannot even be named by a user.
                fixture + "#hidden(): dev.switchboard.LeakingApiFixture.Hidden",
                fixture + ".Items#items: reactor.core.publisher.Flux",
                fixture + ".Items#items(): reactor.core.publisher.Flux",
                fixture + ".Items#Items(Flux): reactor.core.publisher.Flux",
                fixture + ".Subscriber#extends: reactor.core.publisher.BaseSubscriber");
    }
}
