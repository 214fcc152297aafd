package dev.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The query pipeline examples of docs/integrations.md are quotes of compiled source files: each
 * {@code <!-- snippet: file#region -->} block must equal the region between {@code // tag::region[]} and
 * {@code // end::region[]} of that file (indentation removed), so an example cannot drift from the code.
 */
class QuotesCompiledExamplesInTheDocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (agent/[^#\\s]+)#(\\S+) -->\\n```java\\n(.*?)```\\n<!-- end snippet -->",
            Pattern.DOTALL);

    @Test
    void everyQueryPipelineSnippetEqualsItsRegion() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/integrations.md"));
        Matcher m = SNIPPET.matcher(doc);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String quoted = m.group(3);
            String region = region(ROOT.resolve(m.group(1)), m.group(2));
            assertThat(quoted).as("docs/integrations.md quoting %s#%s", m.group(1), m.group(2)).isEqualTo(region);
            checked.add(m.group(2));
        }
        assertThat(checked).as("the Query pipeline section's examples").contains("agent");
    }

    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = indexOf(lines, "// tag::" + name + "[]", file);
        int end = indexOf(lines, "// end::" + name + "[]", file);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        body.forEach(l -> out.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no line " + marker);
    }
}
