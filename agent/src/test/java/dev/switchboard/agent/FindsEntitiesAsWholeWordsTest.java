package dev.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entities are resource names and titles the question contains as whole words, ignoring case, in its order. */
class FindsEntitiesAsWholeWordsTest {
    private static final Map<String, List<McpSchema.Resource>> RESOURCES = Map.of(
            "crm", List.of(resource("crm://customers", "customers", null),
                    resource("crm://orders", "orders", "Customer orders"), resource("crm://x", "x", null)),
            "wiki", List.of(resource("wiki://readme", "README.md", null)));

    private static McpSchema.Resource resource(String uri, String name, String title) {
        return McpSchema.Resource.builder(uri, name).title(title).build();
    }

    @Test
    void matchesWholeWordsIgnoringCaseInTheQuestionsOrder() {
        assertThat(EntityFinder.find("See readme.md about CUSTOMER ORDERS of our Customers, x?", RESOURCES, 10))
                .containsExactly("README.md", "Customer orders", "orders", "customers");
    }

    @Test
    void partsOfWordsAndOneLetterNamesAreNotEntities() {
        assertThat(EntityFinder.find("customer ordersheet xylophone x", RESOURCES, 10)).isEmpty();
    }

    @Test
    void stopsAtTheLimit() {
        assertThat(EntityFinder.find("orders and customers", RESOURCES, 1)).containsExactly("orders");
    }
}
