package dev.switchboard.testing;

import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import reactor.core.publisher.Mono;

/** Builds the SDK server for a scenario on any transport provider. */
final class ServerAssembly {
    private static final McpUriTemplateManagerFactory URI_TEMPLATES = new DefaultMcpUriTemplateManagerFactory();

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
        var capabilities = McpSchema.ServerCapabilities.builder()
                // Subscriptions are accepted (and remembered by the SDK); logging honours logging/setLevel.
                .tools(false).resources(true, false).prompts(false).logging();
        var completions = scenario.prompts().stream().filter(p -> !p.completions().isEmpty())
                .map(ServerAssembly::completion).toList();
        if (!completions.isEmpty()) {
            capabilities.completions();
        }
        return spec.serverInfo(scenario.name(), scenario.version())
                // A fake must accept what a real client might send, and advertise names a real server might.
                .strictToolNameValidation(false)
                .validateToolInputs(false)
                .capabilities(capabilities.build())
                .tools(scenario.tools().stream().map(t -> ToolBehaviors.specification(t, events)).toList())
                .resources(scenario.resources().stream().map(ServerAssembly::resource).toList())
                .resourceTemplates(scenario.resourceTemplates().stream().map(ServerAssembly::template).toList())
                .prompts(scenario.prompts().stream().map(ServerAssembly::prompt).toList())
                .completions(completions)
                .build();
    }

    private static McpServerFeatures.AsyncResourceTemplateSpecification template(FakeResourceTemplate t) {
        var uris = URI_TEMPLATES.create(t.uriTemplate());
        return new McpServerFeatures.AsyncResourceTemplateSpecification(t.toSchema(), (exchange, request) ->
                Mono.fromSupplier(() -> McpSchema.ReadResourceResult.builder(List.of(
                        t.contents(request.uri(), uris.extractVariableValues(request.uri())))).build()));
    }

    private static McpServerFeatures.AsyncCompletionSpecification completion(FakePrompt p) {
        return new McpServerFeatures.AsyncCompletionSpecification(new McpSchema.PromptReference(p.name()),
                (exchange, request) -> {
                    List<String> values = p.complete(request.argument().name(), request.argument().value());
                    return Mono.just(new McpSchema.CompleteResult(
                            new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false)));
                });
    }

    private static McpServerFeatures.AsyncResourceSpecification resource(FakeResource r) {
        var result = McpSchema.ReadResourceResult.builder(List.of(r.contents())).build();
        return new McpServerFeatures.AsyncResourceSpecification(r.toSchema(), (exchange, request) -> Mono.just(result));
    }

    private static McpServerFeatures.AsyncPromptSpecification prompt(FakePrompt p) {
        return new McpServerFeatures.AsyncPromptSpecification(p.toSchema(), (exchange, request) -> Mono.just(
                McpSchema.GetPromptResult.builder(p.render(request.arguments())).description(p.description())
                        .build()));
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
