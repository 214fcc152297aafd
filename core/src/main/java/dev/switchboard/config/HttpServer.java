package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import dev.switchboard.internal.util.Check;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A remote server reached over Streamable HTTP or the legacy HTTP+SSE transport.
 *
 * @param url the MCP endpoint (Streamable HTTP) or the SSE endpoint (HTTP+SSE)
 * @param headers sent with every request (values are secrets: never logged)
 */
public record HttpServer(String name, ServerOptions options, Transport transport, URI url,
        Map<String, String> headers) implements ServerConfig {

    public HttpServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(url, "url");
        Check.argument(transport == Transport.STREAMABLE_HTTP || transport == Transport.SSE,
                "%s.transport: %s (expected: streamable-http or sse)", name, transport);
        headers = Map.copyOf(headers);
    }

    /** A Streamable HTTP server with default options. */
    public static HttpServer of(String name, URI url) {
        return new HttpServer(name, ServerOptions.DEFAULT, Transport.STREAMABLE_HTTP, url, Map.of());
    }

    @Override
    public HttpServer withOptions(ServerOptions newOptions) {
        return new HttpServer(name, newOptions, transport, url, headers);
    }

    public HttpServer withHeaders(Map<String, String> newHeaders) {
        return new HttpServer(name, options, transport, url, newHeaders);
    }

    @Override
    public String toString() {
        return "HttpServer[name=" + name + ", transport=" + transport + ", url=" + Redactor.url(url.toString())
                + ", headers=" + Redactor.valuesOf(headers) + ", options=" + options + "]";
    }
}
