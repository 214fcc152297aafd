package dev.switchboard.testing;

import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/** Builds the SDK server for a scenario on any transport provider. */
final class ServerAssembly {

    private ServerAssembly() {
    }

    /** Serves the scenario on a single-session provider (stdio, legacy SSE). */
    static McpAsyncServer serve(Scenario scenario, McpServerTransportProvider provider, ServerEvents events) {
        String forced = scenario.faults().protocolVersion();
        McpServerTransportProvider effective = forced == null ? provider : new ForcedVersion(provider, forced);
        return configure(McpServer.async(effective), scenario, events);
    }

    /** Serves the scenario on a Streamable HTTP provider. */
    static McpAsyncServer serve(Scenario scenario, McpStreamableServerTransportProvider provider,
                                ServerEvents events) {
        String forced = scenario.faults().protocolVersion();
        McpStreamableServerTransportProvider effective =
                forced == null ? provider : new ForcedStreamableVersion(provider, forced);
        return configure(McpServer.async(effective), scenario, events);
    }

    private static McpAsyncServer configure(McpServer.AsyncSpecification<?> spec, Scenario scenario,
                                            ServerEvents events) {
        return spec.serverInfo(scenario.name(), scenario.version())
                // A fake must accept what a real client might send, and advertise names a real server might.
                .strictToolNameValidation(false)
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false).resources(false, false).prompts(false).build())
                .tools(scenario.tools().stream().map(t -> ToolBehaviors.specification(t, events)).toList())
                .resources(scenario.resources().stream().map(ServerAssembly::resource).toList())
                .prompts(scenario.prompts().stream().map(ServerAssembly::prompt).toList())
                .build();
    }

    private static McpServerFeatures.AsyncResourceSpecification resource(FakeResource r) {
        var result = McpSchema.ReadResourceResult.builder(List.of(r.contents())).build();
        return new McpServerFeatures.AsyncResourceSpecification(r.toSchema(), (exchange, request) -> Mono.just(result));
    }

    private static McpServerFeatures.AsyncPromptSpecification prompt(FakePrompt p) {
        return new McpServerFeatures.AsyncPromptSpecification(p.toSchema(), (exchange, request) -> {
            var message = new McpSchema.PromptMessage(McpSchema.Role.USER,
                    McpSchema.TextContent.builder(p.render(request.arguments())).build());
            return Mono.just(McpSchema.GetPromptResult.builder(List.of(message)).description(p.description()).build());
        });
    }

    // The SDK server answers initialize with the newest version its provider lists when it does not support the
    // client's; listing only the forced version therefore makes the server insist on it.

    private record ForcedVersion(McpServerTransportProvider delegate, String version)
            implements McpServerTransportProvider {
        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            delegate.setSessionFactory(factory);
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return delegate.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return delegate.notifyClient(sessionId, method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return List.of(version);
        }
    }

    private record ForcedStreamableVersion(McpStreamableServerTransportProvider delegate, String version)
            implements McpStreamableServerTransportProvider {
        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
            delegate.setSessionFactory(factory);
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return delegate.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return delegate.notifyClient(sessionId, method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return List.of(version);
        }
    }
}
