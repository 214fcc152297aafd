package dev.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.DocSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The query pipeline examples of docs/integrations.md are quotes of this module's compiled source files (see
 * {@link DocSnippets}), so an example cannot drift from the code.
 */
class QuotesCompiledExamplesInTheDocsTest {
    @Test
    void everyQueryPipelineSnippetEqualsItsRegion() throws IOException {
        var quotes = DocSnippets.quotes(Path.of("").toAbsolutePath().getParent(), "docs/integrations.md", "agent/");
        assertThat(quotes).as("the Query pipeline section's examples").containsKey("agent");
        quotes.values().forEach(q -> assertThat(q.quoted()).as("docs/integrations.md quoting #%s", q.region())
                .isEqualTo(q.source()));
    }
}
