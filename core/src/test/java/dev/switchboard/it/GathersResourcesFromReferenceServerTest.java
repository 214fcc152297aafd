package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.GatherResult;
import dev.switchboard.ResourceItem;
import dev.switchboard.ServerResources;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.ReferenceServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The real server-everything (stdio) and a FakeMcpServer (Streamable HTTP) gathered together: text documents, a
 * binary session resource, resource templates, and a read through a template.
 */
class GathersResourcesFromReferenceServerTest {

    @Test
    void gathersTextAndBlobResourcesFromBothServersByPriority() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        try (var fake = FakeMcpServer.builder().name("catalogue")
                .resource(FakeResource.text("cat://products", "products", "application/json", "[\"tea\"]"),
                        FakeResource.blob("cat://logo", "logo", "image/png", png))
                .startHttp()) {
            var config = ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                    Stdio.server("everything", ReferenceServer.everythingStdio())
                            .withOptions(ResourceFixtures.options(50, "demo")),
                    ResourceFixtures.http("catalogue", fake, ResourceFixtures.options(10, "products"))));
            try (var sb = Switchboard.start(config)) {
                String original = "gathered by switchboard ".repeat(20);
                sb.call("everything", "gzip-file-as-resource", Map.of("name", "notes.txt.gz", "data",
                        "data:text/plain;base64," + Base64.getEncoder().encodeToString(original.getBytes(
                                StandardCharsets.UTF_8)), "outputType", "resourceLink"));

                GatherResult result = sb.gatherResources();

                assertThat(result.complete()).isTrue();
                assertThat(result.servers()).extracting(ServerResources::server)
                        .containsExactly("catalogue", "everything");
                ServerResources cat = result.servers().get(0);
                assertThat(cat.priority()).isEqualTo(10);
                assertThat(cat.domains()).containsExactly("products");
                assertThat(item(cat, "cat://products").text()).contains("[\"tea\"]");
                ResourceItem logo = item(cat, "cat://logo");
                assertThat(logo.mimeType()).isEqualTo("image/png");
                assertThat(Base64.getDecoder().decode(logo.blob().orElseThrow())).isEqualTo(png);
                assertThat(logo.size()).isEqualTo(png.length);

                ServerResources everything = result.servers().get(1);
                ResourceItem features = item(everything, "demo://resource/static/document/features.md");
                assertThat(features.mimeType()).isEqualTo("text/markdown");
                assertThat(features.text().orElseThrow()).isNotBlank();
                ResourceItem gz = item(everything, "demo://resource/session/notes.txt.gz");
                assertThat(gz.mimeType()).isEqualTo("application/gzip");
                assertThat(gunzip(Base64.getDecoder().decode(gz.blob().orElseThrow()))).isEqualTo(original);
                assertThat(result.resourceCount()).isEqualTo(cat.resources().size() + everything.resources().size());
            }
        }
    }

    @Test
    void readsAResourceFromANamedServerExactlyAsSentBeyondTheSizeLimit() {
        var config = ResourceFixtures.config(ResourcePolicy.builder().maxResourceBytes(16).build(), List.of(
                Stdio.server("everything", ReferenceServer.everythingStdio())));
        try (var sb = Switchboard.start(config)) {
            String uri = "demo://resource/dynamic/text/3";
            assertThat(sb.readResource(uri).truncated()).as("the gathering read is cut to 16 bytes").isTrue();

            McpSchema.ReadResourceResult exact = sb.readResourceFrom("everything", uri);

            assertThat(exact.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
                    t -> assertThat(t.text()).hasSizeGreaterThan(16).startsWith("Resource 3"));
        }
    }

    @Test
    void listsResourcesAndTemplatesAndReadsAResourceThroughOne() {
        var config = ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                Stdio.server("everything", ReferenceServer.everythingStdio())));
        try (var sb = Switchboard.start(config)) {
            assertThat(sb.resources()).containsOnlyKeys("everything");
            assertThat(sb.resources().get("everything")).extracting(McpSchema.Resource::uri)
                    .contains("demo://resource/static/document/features.md")
                    .hasSize(sb.status("everything").resourceCount());
            assertThat(sb.resourceTemplates().get("everything")).extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .contains("demo://resource/dynamic/text/{resourceId}", "demo://resource/dynamic/blob/{resourceId}");

            ResourceItem blob = sb.readResource("demo://resource/dynamic/blob/7");

            assertThat(blob.server()).isEqualTo("everything");
            assertThat(new String(Base64.getDecoder().decode(blob.blob().orElseThrow()), StandardCharsets.UTF_8))
                    .startsWith("Resource 7: This is a base64 blob");
        }
    }

    private static ResourceItem item(ServerResources server, String uri) {
        return server.resources().stream().filter(r -> r.uri().equals(uri)).findFirst()
                .orElseThrow(() -> new AssertionError(uri + " not among " + server.resources().stream()
                        .map(ResourceItem::uri).toList()));
    }

    private static String gunzip(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
