package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendersToolResultsTest {

    @Test
    void textAsIsOtherContentSummarisedStructuredContentAsJson() {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("total", 3);
        structured.put("items", List.of("a"));
        String png = Base64.getEncoder().encodeToString(new byte[2048]);
        var result = McpSchema.CallToolResult.builder()
                .addTextContent("first line\nsecond line")
                .addContent(new McpSchema.ImageContent(null, png, "image/png", null))
                .addContent(new McpSchema.ResourceLink("report", null, "file:///tmp/report.pdf", null,
                        "application/pdf", null, null, null))
                .addContent(new McpSchema.EmbeddedResource(null,
                        new McpSchema.TextResourceContents("mem://note", "text/plain", "a note", null), null))
                .structuredContent(structured)
                .build();

        String text = ResultPrinter.render(result);

        assertThat(text).isEqualTo("""
                first line
                second line
                [image: image/png, 2.0 KB]
                [resource link: file:///tmp/report.pdf, application/pdf]
                [resource: mem://note, text/plain]
                a note
                structured content:
                {
                  "total": 3,
                  "items": [
                    "a"
                  ]
                }""");
    }

    @Test
    void emptyResultSaysSo() {
        var result = McpSchema.CallToolResult.builder().content(List.of()).build();

        assertThat(ResultPrinter.render(result)).isEqualTo("(the tool returned no content)");
    }
}
