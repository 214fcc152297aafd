package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ClientHandlers;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the servers ask one downstream client ({@code sampling/createMessage}, {@code elicitation/create}): sent on
 * the stream of that client's call in flight, under an id of the gateway's own, and the client's answer (a POST)
 * handed back to the server. A client that did not declare the capability is refused at once, as a client without
 * it would answer; a request whose call ends before the client answers is withdrawn from the client
 * ({@code notifications/cancelled}).
 */
final class ClientRequests {
    /** How long a client may take to list its roots before a server connected for it gets the configured ones. */
    private static final Duration ROOTS_WAIT = Duration.ofSeconds(5);

    private final Session session;
    private final AtomicLong ids = new AtomicLong();
    private final Map<JsonNode, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();
    private final ClientHandlers handlers;

    /** A call of this client in flight: where messages about it go, and what was asked on its stream. */
    private record Call(String server, Consumer<JsonNode> stream, List<Asked> asked) {
    }

    private record Asked(String id, Consumer<JsonNode> stream, CompletableFuture<JsonNode> answer) {
    }

    ClientRequests(Session session) {
        this.session = session;
        this.handlers = ClientHandlers.NONE
                .withSampling((server, request) -> JsonRpc.MAPPER.convertValue(
                        ask(server, "sampling", "sampling/createMessage", request),
                        McpSchema.CreateMessageResult.class))
                .withFormElicitation((server, request) -> JsonRpc.MAPPER.convertValue(
                        ask(server, "elicitation", "elicitation/create", request), McpSchema.ElicitResult.class))
                .withUrlElicitation((server, request) -> JsonRpc.MAPPER.convertValue(
                        ask(server, "elicitation.url", "elicitation/create", request), McpSchema.ElicitResult.class));
    }

    /** The handlers a call of this client passes to the library. */
    ClientHandlers handlers() {
        return handlers;
    }

    /** A call to {@code server} began; what the server asks meanwhile goes out on {@code stream}. */
    void callStarted(JsonNode requestId, String server, Consumer<JsonNode> stream) {
        calls.put(requestId, new Call(server, stream, new CopyOnWriteArrayList<>()));
    }

    /** The call ended: what was asked on its stream and is still unanswered is withdrawn. */
    void callEnded(JsonNode requestId) {
        Call call = calls.remove(requestId);
        if (call != null) {
            call.asked().forEach(a -> withdraw(a, "the call that caused this request has ended"));
        }
    }

    /** Hands a client's response to the request it answers; false when no request has that id. */
    boolean answered(JsonRpc.Message response) {
        Asked a = response.id() == null ? null : asked.remove(response.id().asText());
        if (a == null) {
            return false;
        }
        if (response.error() != null) {
            a.answer().completeExceptionally(McpError.builder(response.error().path("code").asInt(
                    JsonRpc.INTERNAL_ERROR)).message(response.error().path("message").asText("the client refused"))
                    .data(response.error().get("data")).build());
        } else {
            a.answer().complete(response.result() == null ? JsonRpc.object() : response.result());
        }
        return true;
    }

    /** The session ended: every request still waiting for this client fails. */
    void closeAll(String why) {
        List.copyOf(asked.values()).forEach(a -> withdraw(a, why));
    }

    /**
     * The roots of this client, for a server connected for it alone: asked with {@code roots/list} when it declared
     * roots (waiting a few seconds at most), else the configured ones.
     */
    List<McpSchema.Root> roots(String server, List<McpSchema.Root> configured) {
        if (!session.clientCan("roots")) {
            return configured;
        }
        try {
            JsonNode answer = ask(server, "roots", "roots/list", JsonRpc.object(), ROOTS_WAIT);
            return JsonRpc.MAPPER.convertValue(answer, McpSchema.ListRootsResult.class).roots();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return configured; // a client that does not answer in time gets the configured roots
        }
    }

    private JsonNode ask(String server, String capability, String method, Object params) throws Exception {
        return ask(server, capability, method, params, null);
    }

    private JsonNode ask(String server, String capability, String method, Object params, Duration max)
            throws Exception {
        if (!declared(capability)) {
            throw McpError.builder(JsonRpc.METHOD_NOT_FOUND).message("the client behind the gateway did not"
                    + " declare the " + capability + " capability, so it cannot answer " + method).build();
        }
        Call call = callTo(server);
        Consumer<JsonNode> stream = call != null ? call.stream() : session::notifyClient;
        String id = "switchboard-" + ids.incrementAndGet();
        Asked a = new Asked(id, stream, new CompletableFuture<>());
        asked.put(id, a);
        if (call != null) {
            call.asked().add(a);
        }
        ObjectNode request = JsonRpc.notification(method, params);
        request.put("id", id);
        stream.accept(request);
        try {
            return max == null ? a.answer().get() : a.answer().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            withdraw(a, "no answer within " + max.toSeconds() + " s");
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            withdraw(a, "the server no longer waits for the answer");
            throw e;
        } finally {
            asked.remove(id);
            if (call != null) {
                call.asked().remove(a);
            }
        }
    }

    private boolean declared(String capability) {
        return switch (capability) {
            case "elicitation.url" -> session.clientCapability("elicitation").has("url");
            default -> session.clientCan(capability);
        };
    }

    /** The client's call in flight to {@code server} (the latest), else any of its calls, else none. */
    private Call callTo(String server) {
        Call any = null;
        for (Call c : calls.values()) {
            if (c.server().equals(server)) {
                return c;
            }
            any = c;
        }
        return any;
    }

    private void withdraw(Asked a, String why) {
        if (a.answer().completeExceptionally(new CancellationException(why))) {
            asked.remove(a.id());
            ObjectNode params = JsonRpc.object();
            params.put("requestId", a.id());
            params.put("reason", why);
            a.stream().accept(JsonRpc.notification("notifications/cancelled", params));
        }
    }
}
