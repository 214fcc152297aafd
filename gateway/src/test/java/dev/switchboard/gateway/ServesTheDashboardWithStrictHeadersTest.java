package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files: the right content types, revalidated caching, a Content-Security-Policy that allows no inline
 * script and nothing from elsewhere, nosniff; only its own files (no other resource of the jar); open without a token
 * while the API stays closed; and the MCP endpoint untouched by the page at {@code /}.
 */
class ServesTheDashboardWithStrictHeadersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Fixture open;
    private static Guarded guarded;

    @BeforeAll
    static void start() {
        open = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().tool(FakeTool.echo("echo"))
                .build())));
        guarded = Guarded.start();
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    private static HttpResponse<String> send(URI gateway, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.resolve(path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI gateway, String path) throws Exception {
        return send(gateway, "GET", path, Map.of());
    }

    @Test
    void thePageAndItsFilesHaveTheirTypesAndStrictHeaders() throws Exception {
        Map<String, String> types = Map.of("/", "text/html", "/dashboard/app.js", "text/javascript",
                "/dashboard/style.css", "text/css", "/dashboard/icon.svg", "image/svg+xml");
        for (var e : types.entrySet()) {
            HttpResponse<String> r = get(open.url(), e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(e.getKey()).startsWith(e.getValue());
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        }
    }

    @Test
    void thePageRunsNoInlineScriptAndLoadsEveryModuleFromTheGateway() throws Exception {
        String page = get(open.url(), "/").body();

        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file of the gateway").contains("src=\"/dashboard/");
        }
        assertThat(page).doesNotContain(" style=", " onclick=", "javascript:", "http://", "https://");
        Matcher imports = Pattern.compile("from '\\./([a-z-]+\\.js)'").matcher(get(open.url(), "/dashboard/app.js")
                .body());
        int found = 0;
        while (imports.find()) {
            found++;
            assertThat(get(open.url(), "/dashboard/" + imports.group(1)).statusCode()).as(imports.group(1))
                    .isEqualTo(200);
        }
        assertThat(found).isGreaterThan(3);
    }

    @Test
    void onlyTheDashboardsOwnFilesAreServed() throws Exception {
        for (String path : List.of("/dashboard/missing.js", "/dashboard/../rest-schemas.json",
                "/dashboard/%2e%2e/rest-schemas.json", "/dashboard/rest-schemas.json", "/dashboard/", "/index.html",
                "/dev/switchboard/gateway/rest-schemas.json")) {
            HttpResponse<String> r = get(open.url(), path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("\"Problem\"");
        }
        HttpResponse<String> post = send(open.url(), "POST", "/", Map.of());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void withTokensThePageIsOpenButTheApiAndMcpStayClosed() throws Exception {
        assertThat(get(guarded.url(), "/").statusCode()).isEqualTo(200);
        assertThat(get(guarded.url(), "/dashboard/app.js").statusCode()).isEqualTo(200);

        assertThat(get(guarded.url(), "/api/v1/servers").statusCode()).isEqualTo(401);
        assertThat(get(guarded.url(), "/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(send(guarded.url(), "POST", "/mcp", Map.of("Content-Type", "application/json")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> me = send(guarded.url(), "GET", "/api/v1/me",
                Guarded.bearer(Guarded.GITHUB_ONLY.token()));
        assertThat(me.body()).contains("\"name\":\"github-only\"", "\"tokenRequired\":true", "\"mayControl\":false")
                .doesNotContain(Guarded.GITHUB_ONLY.token());
    }

    @Test
    void theMcpEndpointStillAnswersBesideThePage() {
        McpSyncClient client = open.javaClient();
        try {
            assertThat(client.listTools().tools()).hasSize(1);
        } finally {
            client.closeGracefully();
        }
    }
}
