package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.GatherResult;
import dev.switchboard.ResourceItem;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A server that lists its resources over several pages: every page is followed, in order, and every item read. */
class GathersEveryPageOfResourcesTest {

    @Test
    void followsEveryCursorAndReadsEachResource() {
        var paged = ScriptedResourceServer.named("paged").items(23).pageSize(5).options(ResourceFixtures.options(10));
        try (var sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(paged.config())))) {
            GatherResult result = sb.gatherResources();

            ServerResources server = result.server("paged").orElseThrow();
            assertThat(server.incomplete()).isFalse();
            assertThat(server.resources()).extracting(ResourceItem::name)
                    .containsExactlyElementsOf(IntStream.range(0, 23).mapToObj(i -> "item-" + i).toList());
            assertThat(server.resources()).allSatisfy(r -> {
                assertThat(r.text()).contains(r.name().replace('-', ' '));
                assertThat(r.mimeType()).isEqualTo("text/plain");
                assertThat(r.truncated()).isFalse();
            });
            assertThat(server.resources().get(7).uri()).isEqualTo("rs://paged/item/7");
            assertThat(server.bytes()).isEqualTo(server.resources().stream()
                    .mapToLong(r -> r.text().orElseThrow().length()).sum());
        }
    }
}
