package dev.switchboard.config;

import dev.switchboard.internal.util.Suggestions;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads one entry of {@code servers:} into a {@link StdioServer} or {@link HttpServer}, reporting what is wrong. */
final class ServerReader {
    static final List<String> KEYS = List.of("transport", "type", "command", "args", "env", "pass_env",
            "inherit_env", "cwd", "url", "headers", "enabled", "required", "priority", "domains", "capabilities",
            "aliases", "description", "name", "connect_timeout", "request_timeout", "shutdown_grace", "retry", "tools",
            "health", "restart", "calls", "roots", "session", "auth", "credentials");
    private static final List<String> STDIO_ONLY = List.of("args", "env", "pass_env", "inherit_env", "cwd",
            "shutdown_grace");
    private static final List<String> TRANSPORT_NAMES = List.of("stdio", "streamable-http", "http", "sse");
    private static final String NEEDS = "expected: command for a stdio server, or url for an HTTP server";

    /**
     * What reading one server gave: the server (null if it has errors), its options (null if they have errors, so
     * that cross-server checks still see a server whose only problem is, say, its URL), and its problems.
     */
    record Outcome(String name, boolean enabled, ServerConfig server, ServerOptions options, Problems problems) {
    }

    private final ServerOptions base;
    private final Duration shutdownGrace;
    private final Map<String, String> environment;

    ServerReader(ServerOptions base, Duration shutdownGrace, Map<String, String> environment) {
        this.base = base;
        this.shutdownGrace = shutdownGrace;
        this.environment = environment;
    }

    Outcome read(String name, Object value) {
        Problems problems = new Problems();
        String path = Tree.child("servers", name);
        if (value == null) {
            problems.error(path, "is empty (" + NEEDS + ")");
            return new Outcome(name, true, null, null, problems);
        }
        Section s = Section.of(value, path, problems, "a map with command or url");
        s.rejectUnknown(KEYS);
        Transport transport = transport(s);
        int before = problems.errorCount();
        ServerOptions options = OptionsReader.read(s, base);
        if (transport == Transport.STDIO && options.health().probe() == HealthPolicy.Probe.HTTP_GET) {
            s.error("health.probe", "http-get is for HTTP servers (expected: ping, list-tools or none for a stdio"
                    + " server)");
        }
        GatewayReader.checkSharedSession(s, options.session());
        boolean optionsValid = problems.errorCount() == before;
        ServerConfig server = null;
        try {
            if (transport == Transport.STDIO) {
                server = stdio(name, s, options);
            } else if (transport != null) {
                server = http(name, s, options, transport);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // The records check their invariants too; anything they catch that we did not is still one problem.
            problems.error(path, String.valueOf(e.getMessage()));
        }
        return new Outcome(name, options.enabled(), problems.hasErrors() ? null : server,
                optionsValid ? options : null, problems);
    }

    /** The transport as written ({@code transport}, or VS Code's {@code type}), or inferred from command / url. */
    private Transport transport(Section s) {
        String key = s.has("transport") ? "transport" : "type";
        if (s.has("transport") && s.has("type")
                && !Transport.parse(s.string("transport")).equals(Transport.parse(s.string("type")))) {
            s.error("type", "differs from transport (expected: one of type or transport)");
        }
        Optional<Transport> explicit = Optional.ofNullable(s.string(key)).map(t -> parseTransport(s, key, t));
        boolean command = s.has("command");
        boolean url = s.has("url");
        if (command == url) {
            s.error("", command ? "has both command and url (" + NEEDS + ", not both)" : "has neither command nor url ("
                    + NEEDS + ")");
            return null;
        }
        if (explicit.isEmpty()) {
            return s.has(key) ? null : command ? Transport.STDIO : inferFromUrl(s.string("url"));
        }
        Transport t = explicit.get();
        if (t == Transport.STDIO && url) {
            s.error("url", "is for HTTP servers, but transport is stdio (expected: command, or transport:"
                    + " streamable-http or sse)");
            return null;
        }
        if (t != Transport.STDIO && command) {
            s.error("command", "is for stdio servers, but transport is " + t + " (expected: url: with the"
                    + " server's URL)");
            return null;
        }
        return t;
    }

    private static Transport parseTransport(Section s, String key, String text) {
        return Transport.parse(text).orElseGet(() -> {
            String hint = Suggestions.hint(text, TRANSPORT_NAMES);
            s.error(key, Section.shown(text) + " is not a transport (" + (hint.isEmpty() ? "" : hint + " ")
                    + "expected: stdio, streamable-http, http or sse)");
            return null;
        });
    }

    /** The legacy HTTP+SSE endpoint is conventionally {@code /sse}; everything else is Streamable HTTP. */
    private static Transport inferFromUrl(String url) {
        String path = url == null ? "" : url.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        return path.toLowerCase(Locale.ROOT).endsWith("/sse") ? Transport.SSE : Transport.STREAMABLE_HTTP;
    }

    private StdioServer stdio(String name, Section s, ServerOptions options) {
        if (s.has("headers")) {
            s.error("headers", "is for HTTP servers (expected: env for a stdio server)");
        }
        if (s.has("auth")) {
            s.error("auth", "is for HTTP servers (expected: env with the credentials a stdio server reads)");
        }
        if (options.credentials() == CredentialsMode.PER_USER) {
            s.error("credentials", "per_user is for HTTP servers, whose requests can carry each user's token"
                    + " (expected: shared for a stdio server)");
        }
        String command = s.string("command");
        if (command != null && command.isBlank()) {
            s.error("command", "is blank (expected: an executable, e.g. npx)");
            return null;
        }
        List<String> args = OptionsReader.or(s.strings("args", "[-y, some-package]"), List.of());
        Map<String, String> env = OptionsReader.or(s.stringMap("env"), Map.of());
        List<String> passEnv = OptionsReader.or(s.strings("pass_env", "[HOME, GITHUB_TOKEN]"), List.of());
        boolean inheritEnv = OptionsReader.or(s.bool("inherit_env"), false);
        Path cwd = cwd(s);
        Duration grace = s.duration("shutdown_grace");
        if (grace != null && grace.isNegative()) {
            s.error("shutdown_grace", Section.shown(s.raw("shutdown_grace")) + " is negative (expected: 0s or more)");
        }
        StdioWarnings.check(s, command, args, passEnv, inheritEnv, environment);
        return command == null || grace != null && grace.isNegative() ? null : StdioServer.builder(name, command)
                .options(options).args(args).env(env).passEnv(passEnv).inheritEnv(inheritEnv).cwd(cwd)
                .shutdownGrace(OptionsReader.or(grace, shutdownGrace)).build();
    }

    private static Path cwd(Section s) {
        String cwd = s.string("cwd");
        try {
            return cwd == null ? null : Path.of(cwd);
        } catch (InvalidPathException e) {
            s.error("cwd", "is not a valid path: " + e.getReason() + " (expected: a directory)");
            return null;
        }
    }

    private static HttpServer http(String name, Section s, ServerOptions options, Transport transport) {
        for (String key : STDIO_ONLY) {
            if (s.has(key)) {
                s.error(key, "is for stdio servers, but this one is " + transport + " (expected: "
                        + (key.equals("env") ? "headers for what an HTTP server is sent)" : "no " + key + ")"));
            }
        }
        URI url = UrlRules.parse(s.string("url"), s.path("url"), s.problems());
        Map<String, String> headers = OptionsReader.or(s.stringMap("headers"), Map.of());
        HttpAuth auth = AuthReader.read(s);
        if (auth != null && options.health().probe() == HealthPolicy.Probe.HTTP_GET) {
            // The probe sends the configured headers only: an OAuth-protected server would answer it 401 forever.
            s.error("health.probe", "http-get sends no OAuth token, so a server with auth: would fail every probe"
                    + " (expected: ping or list-tools, which go through the authorized session)");
        }
        if (auth != null && transport == Transport.SSE) {
            // The SDK's legacy SSE transport cannot replay a request after a 401, so the flow could never finish.
            s.error("auth", "is for Streamable HTTP servers, but this one is sse (expected: transport:"
                    + " streamable-http, or a static Authorization header)");
        }
        if (options.credentials() == CredentialsMode.PER_USER) {
            // Every user's connection would carry it: a shared secret must not ride along with each user's token.
            headers.keySet().stream().filter(dev.switchboard.internal.observe.Redactor::isSensitiveName)
                    .forEach(h -> s.error("headers." + h, "is set with credentials: per_user (expected: none; each"
                            + " call carries its user's token, never a shared secret)"));
            // (Credentials in the URL are refused for every server.)
        }
        if (auth != null && headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase)) {
            s.error("headers.Authorization", "is set with auth (expected: one of them; auth sends the token)");
        }
        if (url == null) {
            return null;
        }
        UrlRules.warnPlainHttp(url, headers, s.path("url"), s.problems());
        return HttpServer.builder(name, url).options(options).transport(transport).headers(headers).auth(auth)
                .build();
    }
}
