package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.switchboard.internal.upstream.Deadline;
import dev.switchboard.internal.upstream.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An API that leaks on purpose, once in every place a signature can hold a type, each time with a different type,
 * so that {@link ReportsEveryApiLeakTest} can tell that each place is walked. Never used, only inspected.
 */
// The compiler warns of exactly what this fixture does on purpose.
@SuppressWarnings({"unused", "exports", "missing-explicit-ctor"})
public class LeakingApiFixture<C extends McpSyncClient> implements Supplier<McpJsonMapper> {
    public JsonNode node;

    public LeakingApiFixture(CircuitBreaker[] breakers) {
    }

    public Mono<String> fetch() {
        return null;
    }

    public void accept(List<Map<String, Upstream>> upstreams) {
    }

    public <T extends McpClientTransport> T transport(T transport) {
        return transport;
    }

    public void send() throws McpError {
    }

    public void subscribe(Consumer<? super Publisher<String>> consumer) {
    }

    public Optional<McpSyncServer>[] servers() {
        return null;
    }

    protected Schema schema() {
        return null;
    }

    public Hidden hidden() {
        return null;
    }

    @Override
    public McpJsonMapper get() {
        return null;
    }

    // Allowed: the JDK, protocol records, the optional MeterRegistry, our own API.
    public List<? extends McpSchema.Tool> tools(MeterRegistry registry, Switchboard switchboard) {
        return List.of();
    }

    // Not reachable, so not checked: a private member, and a package-private type's members.
    private Mono<Deadline> privateMember() {
        return null;
    }

    static class Hidden {
        public Flux<Deadline> notApi() {
            return null;
        }
    }

    public record Items(Flux<String> items) {
    }

    public static class Subscriber extends BaseSubscriber<String> {
    }
}
