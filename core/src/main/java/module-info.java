/**
 * Switchboard: one Java application, many MCP servers.
 *
 * <p>The API is {@code dev.switchboard} (the {@link dev.switchboard.Switchboard} facade, its results, errors and
 * events), {@code dev.switchboard.config} (the configuration model and its loader) and {@code dev.switchboard.spi}
 * (what an application or a test may plug in). Everything under {@code dev.switchboard.internal} may change in any
 * release.
 */
// The SDK, resilience4j, Micrometer and Reactor name their modules in their manifests only; Micrometer's
// MeterRegistry is in the API of an optional feature, so it is not required transitively.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.switchboard {
    exports dev.switchboard;
    exports dev.switchboard.config;
    exports dev.switchboard.spi;

    // McpSchema's protocol records appear in the API (tools, results, resources, prompts).
    requires transitive io.modelcontextprotocol.sdk.mcp.core;
    requires io.modelcontextprotocol.sdk.mcp.json.jackson2;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires com.networknt.schema;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.circuitbreaker;
    requires io.github.resilience4j.bulkhead;
    requires org.apache.commons.text;
    requires org.slf4j;
    requires reactor.core;
    requires org.reactivestreams;
    requires java.net.http;
    // The outbound OAuth client's wire formats and JWS; oauth2-oidc-sdk has no module name of its own, so its
    // automatic name comes from its file name.
    requires oauth2.oidc.sdk;
    requires com.nimbusds.jose.jwt;
    // The OpenTelemetry API (a no-op without an SDK): the builder takes an OpenTelemetry.
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;
    // Only an application that passes a MeterRegistry needs Micrometer.
    requires static micrometer.core;
}
