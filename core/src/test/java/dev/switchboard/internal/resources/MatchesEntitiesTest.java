package dev.switchboard.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.MatchKind;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

/** An entity matches a resource by name, title, URI or last URI segment: exactly, ignoring case, or fuzzily. */
class MatchesEntitiesTest {
    private static McpSchema.Resource resource(String uri, String name) {
        return McpSchema.Resource.builder(uri, name).build();
    }

    @Test
    void exactBeforeCaseInsensitiveBeforeFuzzy() {
        var m = new EntityMatcher("Customers", 0.9);

        assertThat(m.match(resource("db://x/1", "Customers")).orElseThrow().kind()).isEqualTo(MatchKind.EXACT);
        assertThat(m.match(resource("db://x/1", "customers")).orElseThrow().kind())
                .isEqualTo(MatchKind.CASE_INSENSITIVE);
        var fuzzy = m.match(resource("db://x/1", "customer")).orElseThrow();
        assertThat(fuzzy.kind()).isEqualTo(MatchKind.FUZZY);
        assertThat(fuzzy.score()).isGreaterThanOrEqualTo(0.9).isLessThan(1.0);
        assertThat(m.match(resource("db://x/1", "products"))).isEmpty();
    }

    @Test
    void theLastUriSegmentWithOrWithoutItsExtensionCounts() {
        var m = new EntityMatcher("orders", 0.99);

        assertThat(m.match(resource("file:///schemas/orders.json", "Order table")).orElseThrow().kind())
                .isEqualTo(MatchKind.EXACT);
        assertThat(m.match(resource("db://tables/Orders", "t1")).orElseThrow().kind())
                .isEqualTo(MatchKind.CASE_INSENSITIVE);
        assertThat(new EntityMatcher("db://tables/Orders", 1.0).match(resource("db://tables/Orders", "t1")))
                .hasValueSatisfying(x -> assertThat(x.kind()).isEqualTo(MatchKind.EXACT));
    }

    @Test
    void theThresholdDecidesFuzzyMatches() {
        var strict = new EntityMatcher("invoice", 1.0);
        var loose = new EntityMatcher("invoice", 0.8);

        assertThat(strict.match(resource("a://x", "invoices"))).isEmpty();
        assertThat(loose.match(resource("a://x", "invoices"))).isPresent();
    }
}
