package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchboard auth login | status | logout} against a loopback authorization server: login prints the URL,
 * a browser (an HTTP client that follows redirects) opens it, the tokens are kept encrypted, status shows them
 * without any secret, logout forgets them; no token, code or client secret is printed anywhere.
 */
class LogsInToAnOAuthServerTest {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/authorize\\?\\S+)");

    @TempDir
    Path work;

    @Test
    void logsInShowsTheStatusAndLogsOut() throws Exception {
        try (var as = new FakeAuthorizationServer(); RunningFakeServer fake = protectedBy(as)) {
            Path config = configOf(fake, "  plain: {url: \"http://127.0.0.1:9/mcp\"}\n");
            String dir = work.resolve("tokens").toString();

            Cli.Result before = Cli.run("auth", "status", config.toString(), "--token-dir", dir);
            assertThat(before.out()).contains("tickets (oauth): not logged in").doesNotContain("plain");

            Cli.Result login = runWithBrowser("auth", "login", config.toString(), "tickets", "--token-dir", dir);
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(login.out()).contains("Logged in to 'tickets'");
            assertThat(login.err()).contains("Open this URL in a browser");

            Cli.Result status = Cli.run("auth", "status", config.toString(), "--token-dir", dir);
            assertThat(status.out()).contains("tickets (oauth): logged in at " + as.base(), "refreshable",
                    "scopes mcp:read");

            Cli.Result logout = Cli.run("auth", "logout", config.toString(), "tickets", "--token-dir", dir);
            assertThat(logout.out()).contains("Logged out of 'tickets'");
            assertThat(Cli.run("auth", "status", config.toString(), "--token-dir", dir).out())
                    .contains("tickets (oauth): not logged in");

            for (Cli.Result r : new Cli.Result[] {before, login, status, logout}) {
                assertThat(r.out() + r.err()).doesNotContain(FakeAuthorizationServer.ACCESS_TOKEN,
                        FakeAuthorizationServer.REFRESH_TOKEN, FakeAuthorizationServer.CODE,
                        FakeAuthorizationServer.CLIENT_SECRET);
            }
        }
    }

    /** A gateway has no person at hand: {@code serve} calls a protected server with the tokens of the login. */
    @Test
    void theGatewayCallsWithTheTokensOfTheLogin() throws Exception {
        try (var as = new FakeAuthorizationServer(); RunningFakeServer fake = protectedBy(as)) {
            Path config = configOf(fake, "");
            String dir = work.resolve("tokens").toString();
            assertThat(runWithBrowser("auth", "login", config.toString(), "tickets", "--token-dir", dir).exitCode())
                    .isZero();

            var out = new ByteArrayOutputStream();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
            var exit = new CompletableFuture<Integer>();
            // Its own thread, as main would be: the MCP Java SDK client in this JVM needs the common pool.
            Thread.ofPlatform().name("serve-command").start(() -> exit.complete(cl.execute("serve",
                    config.toString(), "--listen", "127.0.0.1:0", "--token-dir", dir)));
            assertThat(serve.awaitStarted(Duration.ofSeconds(60))).isTrue();
            try (DemoClient client = new DemoClient(serve.url())) {
                McpSchema.CallToolResult r = client.call("tickets__echo", Map.of("via", "gateway"));
                assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("\"via\":\"gateway\"");
            } finally {
                serve.stop();
            }
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("tickets +ready +1 tool")
                    .doesNotContain(FakeAuthorizationServer.ACCESS_TOKEN);
        }
    }

    @Test
    void logsInAsOneUserOfAPerUserServer() throws Exception {
        try (var as = new FakeAuthorizationServer();
                RunningFakeServer fake = FakeMcpServer.startHttp(FakeMcpServer.builder().name("fake")
                        .tool(FakeTool.whoami("whoami")).requireBearer("never-issued", as.resourceMetadata())
                        .build())) {
            as.protect(fake.url());
            as.perLoginTokens(fake::accept);
            as.loginAs("alice");
            Path config = work.resolve("servers.yaml");
            Files.writeString(config, "servers:\n  tickets:\n    url: " + fake.url() + "\n    credentials: per_user\n"
                    + "    auth: {type: oauth, client_id: " + FakeAuthorizationServer.CLIENT_ID + ", client_secret: "
                    + FakeAuthorizationServer.CLIENT_SECRET + "}\n");
            String dir = work.resolve("tokens").toString();

            Cli.Result login = runWithBrowser("auth", "login", config.toString(), "tickets", "--user", "alice",
                    "--token-dir", dir);
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(login.out()).contains("Logged in to 'tickets' as user 'alice'");
            assertThat(dev.switchboard.OAuthTokens.in(Path.of(dir)).kept(dev.switchboard.config.HttpServer.of(
                    "tickets", URI.create(fake.url())), "alice")).isPresent();
            assertThat(login.out() + login.err()).doesNotContain(as.issuedAccessTokens.getFirst(),
                    FakeAuthorizationServer.CLIENT_SECRET);

            Cli.Result logout = Cli.run("auth", "logout", config.toString(), "tickets", "--user", "alice",
                    "--token-dir", dir);
            assertThat(logout.out()).contains("Logged out of 'tickets' for user 'alice'");
        }
    }

    @Test
    void aServerWithoutAuthIsAUsageError() throws Exception {
        Path config = work.resolve("servers.yaml");
        Files.writeString(config, "servers:\n  plain: {url: \"http://127.0.0.1:9/mcp\"}\n");

        Cli.Result r = Cli.run("auth", "logout", config.toString(), "plain", "--token-dir", work.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("server 'plain' has no auth:");
    }

    /** A FakeMcpServer with an echo tool that only the authorization server's access token may call. */
    private static RunningFakeServer protectedBy(FakeAuthorizationServer as) {
        RunningFakeServer fake = FakeMcpServer.startHttp(FakeMcpServer.builder().name("fake")
                .tool(FakeTool.echo("echo")).requireBearer(FakeAuthorizationServer.ACCESS_TOKEN,
                        as.resourceMetadata()).build());
        as.protect(fake.url());
        return fake;
    }

    /** A configuration with the server as {@code tickets} ({@code auth: oauth}), then {@code more} servers. */
    private Path configOf(RunningFakeServer fake, String more) throws IOException {
        Path config = work.resolve("servers.yaml");
        Files.writeString(config, "servers:\n  tickets:\n    url: " + fake.url() + "\n    auth: {type: oauth,"
                + " client_id: " + FakeAuthorizationServer.CLIENT_ID + ", client_secret: "
                + FakeAuthorizationServer.CLIENT_SECRET + "}\n" + more);
        return config;
    }

    /** Runs the CLI; when it prints an authorization URL, a browser opens it, as a person would. */
    private static Cli.Result runWithBrowser(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream() {
            private boolean opened;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                Matcher m = URL.matcher(toString(StandardCharsets.UTF_8));
                if (!opened && m.find()) {
                    opened = true;
                    String url = m.group(1);
                    Thread.ofVirtual().start(() -> open(URI.create(url)));
                }
            }
        };
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void open(URI url) {
        try (HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
