package dev.switchboard.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.DocSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The LangChain4j examples of docs/integrations.md are quotes of this module's compiled source files (see
 * {@link DocSnippets}), so an example cannot drift from the code.
 */
class QuotesCompiledExamplesInTheDocsTest {
    @Test
    void everyLangChain4jSnippetEqualsItsRegion() throws IOException {
        var quotes = DocSnippets.quotes(Path.of("").toAbsolutePath().getParent(), "docs/integrations.md",
                "langchain4j/");
        assertThat(quotes).as("the LangChain4j section's examples").containsKeys("langchain4j", "langchain4j-filters");
        quotes.values().forEach(q -> assertThat(q.quoted()).as("docs/integrations.md quoting #%s", q.region())
                .isEqualTo(q.source()));
    }
}
