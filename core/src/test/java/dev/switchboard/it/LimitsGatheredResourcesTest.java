package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ResourceItem;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One huge server cannot exhaust memory: resources over the size limit come back cut and marked, and a server with
 * more resources than the per-server maximum gives only that many, marked incomplete.
 */
class LimitsGatheredResourcesTest {

    @Test
    void cutsTextAndBlobsToTheSizeLimitAndLeavesSmallOnesWhole() {
        var big = ScriptedResourceServer.named("big").items(2).bigText(5000).bigBlob(3000)
                .options(ResourceFixtures.options(10));
        var policy = ResourcePolicy.builder().maxResourceBytes(1000).build();
        try (var sb = Switchboard.start(ResourceFixtures.config(policy, List.of(big.config())))) {
            ServerResources server = sb.gatherResources().server("big").orElseThrow();

            ResourceItem text = byName(server, "big-text");
            assertThat(text.truncated()).isTrue();
            assertThat(text.size()).isEqualTo(5000);
            assertThat(text.text().orElseThrow()).isEqualTo("x".repeat(1000));
            ResourceItem blob = byName(server, "big-blob");
            assertThat(blob.truncated()).isTrue();
            assertThat(blob.size()).isEqualTo(3000);
            byte[] kept = Base64.getDecoder().decode(blob.blob().orElseThrow());
            assertThat(kept).hasSize(1000);
            assertThat(kept[999]).isEqualTo((byte) (999 % 256));
            assertThat(byName(server, "item-1").truncated()).isFalse();
            assertThat(byName(server, "item-1").text()).contains("item 1");
            assertThat(server.bytes()).isEqualTo(1000 + 1000 + 2 * "item 0".length());
        }
    }

    @Test
    void readsNoMoreThanTheMaximumResourcesOfOneServer() {
        var many = ScriptedResourceServer.named("many").items(40).pageSize(7).options(ResourceFixtures.options(10));
        var policy = ResourcePolicy.builder().maxResourcesPerServer(10).build();
        try (var sb = Switchboard.start(ResourceFixtures.config(policy, List.of(many.config())))) {
            ServerResources server = sb.gatherResources().server("many").orElseThrow();

            assertThat(server.incomplete()).isTrue();
            assertThat(server.resources()).extracting(ResourceItem::name)
                    .containsExactlyElementsOf(Arrays.asList("item-0", "item-1", "item-2", "item-3", "item-4",
                            "item-5", "item-6", "item-7", "item-8", "item-9"));
        }
    }

    private static ResourceItem byName(ServerResources server, String name) {
        return server.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
