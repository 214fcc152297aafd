package dev.switchboard.testing;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/** Jetty on a loopback port hosting one SDK servlet transport for a scenario. */
final class HttpHost implements AutoCloseable {

    /** The HTTP flavours of MCP. */
    enum Flavor {
        STREAMABLE("/mcp"), SSE("/sse");

        final String endpoint;

        Flavor(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    static final String SSE_MESSAGE_ENDPOINT = "/message";

    private final Server jetty;
    private final McpAsyncServer mcp;
    private final int port;
    private final ServerConnector connector;
    private final Flavor flavor;
    private final WireFilter filter;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private HttpHost(Server jetty, McpAsyncServer mcp, ServerConnector connector, Flavor flavor, WireFilter filter) {
        this.jetty = jetty;
        this.filter = filter;
        this.mcp = mcp;
        this.connector = connector;
        this.port = connector.getLocalPort();
        this.flavor = flavor;
    }

    /** Starts serving {@code scenario} on {@code port} of 127.0.0.1 (0 picks a free port). */
    // The SDK deprecates its legacy HTTP+SSE transport, but serving it is the point: old servers still speak it.
    @SuppressWarnings("deprecation")
    static HttpHost start(Scenario scenario, Flavor flavor, int port, ServerEvents events) {
        HttpServlet servlet;
        McpAsyncServer mcp;
        if (flavor == Flavor.STREAMABLE) {
            // No session sweeper: the SDK runs it on a Reactor scheduler of its own that closing the provider never
            // disposes, one thread left behind per server; a test's fake has no idle sessions worth sweeping.
            var provider = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint(flavor.endpoint)
                    .sessionSweepInterval(null).contextExtractor(HttpHost::context).build();
            mcp = ServerAssembly.serve(scenario, provider, events);
            servlet = provider;
        } else {
            var provider = HttpServletSseServerTransportProvider.builder()
                    .sseEndpoint(flavor.endpoint).messageEndpoint(SSE_MESSAGE_ENDPOINT)
                    .contextExtractor(HttpHost::context).build();
            mcp = ServerAssembly.serve(scenario, provider, events);
            servlet = provider;
        }
        var pool = new VirtualThreadPool();
        pool.setName("fake-mcp-" + scenario.name());
        Server jetty = new Server(pool);
        var connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // Many clients connecting at once (a test's burst of concurrent calls) must queue, not overflow the JDK's
        // default backlog of 50: an overflowed connect is dropped and then reset, which no real server would do.
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);

        var context = new ServletContextHandler();
        var servletHolder = new ServletHolder(servlet);
        servletHolder.setAsyncSupported(true);
        context.addServlet(servletHolder, "/*");
        var filter = new WireFilter(scenario.faults().requireBearer(), scenario.faults().resourceMetadata(),
                scenario.faults().bearerUsers(), events);
        var filterHolder = new FilterHolder(filter);
        filterHolder.setAsyncSupported(true);
        context.addFilter(filterHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        // Streams left open by hanging calls must not hold up close(): a test fixture stops at once.
        jetty.setStopTimeout(0);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            throw new IllegalStateException("fake server " + scenario.name() + " cannot listen on port " + port, e);
        }
        return new HttpHost(jetty, mcp, connector, flavor, filter);
    }

    /** What a tool handler learns of the request: the user its bearer token stands for, if any. */
    private static McpTransportContext context(jakarta.servlet.http.HttpServletRequest request) {
        Object user = request.getAttribute(WireFilter.USER);
        return user == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(WireFilter.USER, user));
    }

    WireFilter filter() {
        return filter;
    }

    /** The TCP connections open to it now. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String url() {
        return baseUrl() + flavor.endpoint;
    }

    void expireSessions() {
        filter.expireSessions();
    }

    void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops serving; safe to call twice and from two threads (an exit tool and the test's own close). */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            mcp.close();
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop fake server on port " + port, e);
        } finally {
            lock.unlock();
        }
    }
}
