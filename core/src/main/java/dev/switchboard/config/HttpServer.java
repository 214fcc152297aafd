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
 * @param auth how an OAuth access token is obtained for this server, or null to send only {@code headers}
 */
public record HttpServer(String name, ServerOptions options, Transport transport, URI url,
        Map<String, String> headers, HttpAuth auth) implements ServerConfig {

    public HttpServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(url, "url");
        Check.argument(transport == Transport.STREAMABLE_HTTP || transport == Transport.SSE,
                "%s.transport: %s (expected: streamable-http or sse)", name, transport);
        headers = Map.copyOf(headers);
    }

    /** A server without OAuth: only {@code headers} are sent. */
    public HttpServer(String name, ServerOptions options, Transport transport, URI url, Map<String, String> headers) {
        this(name, options, transport, url, headers, null);
    }

    /** A Streamable HTTP server with default options. */
    public static HttpServer of(String name, URI url) {
        return builder(name, url).build();
    }

    /** A builder for a Streamable HTTP server with default options and no headers. */
    public static Builder builder(String name, URI url) {
        return new Builder(name, url);
    }

    /** A builder that starts from this server. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public HttpServer withOptions(ServerOptions newOptions) {
        return toBuilder().options(newOptions).build();
    }

    @Override
    public String toString() {
        return "HttpServer[name=" + name + ", transport=" + transport + ", url=" + Redactor.url(url.toString())
                + ", headers=" + Redactor.valuesOf(headers) + (auth == null ? "" : ", auth=" + auth)
                + ", options=" + options + "]";
    }

    /** Builds an {@link HttpServer} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private String name;
        private ServerOptions options = ServerOptions.DEFAULT;
        private Transport transport = Transport.STREAMABLE_HTTP;
        private URI url;
        private Map<String, String> headers = Map.of();
        private HttpAuth auth;

        private Builder(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        private Builder(HttpServer from) {
            name = from.name;
            options = from.options;
            transport = from.transport;
            url = from.url;
            headers = from.headers;
            auth = from.auth;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder options(ServerOptions options) {
            this.options = options;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        /** How an OAuth access token is obtained for this server; null (the default) for none. */
        public Builder auth(HttpAuth auth) {
            this.auth = auth;
            return this;
        }

        /** The server, checked by its constructor. */
        public HttpServer build() {
            return new HttpServer(name, options, transport, url, headers, auth);
        }
    }
}
