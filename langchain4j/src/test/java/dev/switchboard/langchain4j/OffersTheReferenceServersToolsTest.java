package dev.switchboard.langchain4j;

import static dev.switchboard.langchain4j.Tools.provided;
import static dev.switchboard.langchain4j.Tools.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.switchboard.CatalogEntry;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.ReferenceServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned reference servers (server-everything, server-memory) over stdio: every tool they list is offered, each
 * with exactly the properties and required names of its real, generated input schema, and calls reach them.
 */
class OffersTheReferenceServersToolsTest {

    @Test
    void everyToolIsOfferedWithItsPropertiesAndCallsReachTheServers(@TempDir Path dir) {
        var memory = StdioServer.builder("memory", ReferenceServer.memoryStdio().get(0))
                .args(ReferenceServer.memoryStdio().subList(1, ReferenceServer.memoryStdio().size()))
                .env(Map.of("MEMORY_FILE_PATH", dir.resolve("memory.jsonl").toString()))
                .options(ServerOptions.builder().connectTimeout(Duration.ofSeconds(60)).build()).build();
        try (var sb = Servers.start(Servers.stdio("everything", ReferenceServer.everythingStdio()), memory)) {
            var provider = SwitchboardToolProvider.of(sb);
            List<ToolSpecification> specs = provider.toolSpecifications();
            List<CatalogEntry> catalog = sb.catalog();

            assertThat(specs).extracting(ToolSpecification::name)
                    .containsExactlyElementsOf(catalog.stream().map(CatalogEntry::qualifiedName).toList())
                    .contains("everything__echo", "memory__create_entities");
            for (CatalogEntry entry : catalog) {
                ToolSpecification spec = specs.stream().filter(s -> s.name().equals(entry.qualifiedName()))
                        .findFirst().orElseThrow();
                Map<String, Object> schema = entry.definition().inputSchema();
                Object properties = schema.getOrDefault("properties", Map.of());
                assertThat(spec.parameters().properties().keySet()).as(entry.qualifiedName())
                        .containsExactlyInAnyOrderElementsOf(((Map<?, ?>) properties).keySet().stream()
                                .map(String::valueOf).toList());
                assertThat(spec.parameters().required()).as(entry.qualifiedName())
                        .containsExactlyInAnyOrderElementsOf(requiredOf(schema));
                assertThat(JsonSchemaElementUtils.toMap(spec.parameters())).as("what a provider sends")
                        .containsEntry("type", "object");
            }

            var entities = (JsonArraySchema) spec(specs, "memory__create_entities").parameters().properties()
                    .get("entities");
            var entity = (JsonObjectSchema) entities.items();
            assertThat(entity.properties().get("name")).isInstanceOf(JsonStringSchema.class);
            assertThat(((JsonArraySchema) entity.properties().get("observations")).items())
                    .isInstanceOf(JsonStringSchema.class);

            var provided = provided(provider);
            assertThat(run(provided, "everything__echo", "{\"message\":\"through LangChain4j\"}").resultText())
                    .contains("through LangChain4j");
            var created = run(provided, "memory__create_entities", "{\"entities\":[{\"name\":\"Ada\","
                    + "\"entityType\":\"person\",\"observations\":[\"wrote the first program\"]}]}");
            assertThat(created.isError()).as(created.resultText()).isFalse();
            assertThat(run(provided, "memory__read_graph", "{}").resultText()).contains("wrote the first program");
        }
    }

    private static ToolSpecification spec(List<ToolSpecification> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> requiredOf(Map<String, Object> schema) {
        return schema.get("required") instanceof List<?> r ? r.stream().map(String::valueOf).toList() : List.of();
    }
}
