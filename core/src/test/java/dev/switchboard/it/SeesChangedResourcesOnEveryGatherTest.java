package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing on the resource path is cached: a resource whose content changes is seen changed on the next call. */
class SeesChangedResourcesOnEveryGatherTest {

    @Test
    void everyGatherAndReadAsksTheServerAgain() {
        var counting = ScriptedResourceServer.named("counting").counter().options(ResourceFixtures.options(10));
        try (var sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(counting.config())))) {
            assertThat(counterText(sb)).isEqualTo("read 1");
            assertThat(counterText(sb)).isEqualTo("read 2");
            assertThat(sb.readResource("rs://counting/counter").text()).contains("read 3");
            assertThat(sb.readResource("counting+rs://counting/counter").text()).contains("read 4");
            assertThat(counterText(sb)).isEqualTo("read 5");
        }
    }

    private static String counterText(Switchboard sb) {
        return sb.gatherResources().server("counting").orElseThrow().resources().get(0).text().orElseThrow();
    }
}
