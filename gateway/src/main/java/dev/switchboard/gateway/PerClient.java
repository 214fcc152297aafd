package dev.switchboard.gateway;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardException;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SessionPolicy;
import dev.switchboard.config.SwitchboardConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code session: per_client} servers: each downstream session gets its own connection to them (for a stdio
 * server its own process), opened at the session's first request, given that client's handlers (its server requests
 * need no attribution), and closed when the session ends or has not used them for the server's {@code idle_timeout}.
 * At most {@code max_sessions} sessions have them open at once; one more is refused with an error that says so.
 */
final class PerClient {
    private final List<ServerConfig> servers;
    private final SwitchboardConfig base;
    private final GatewaySettings settings;
    private final Clock clock;
    private final int max;
    private final io.opentelemetry.api.OpenTelemetry openTelemetry;
    private final Map<Session, CompletableFuture<Own>> open = new ConcurrentHashMap<>();
    private final ReentrantLock opening = new ReentrantLock();

    /** One session's own Switchboard with the per-client servers, and what the gateway offers of it. */
    private static final class Own {
        final Switchboard switchboard;
        final Offers offers;
        volatile Instant lastUse;

        Own(Switchboard switchboard, Offers offers, Instant now) {
            this.switchboard = switchboard;
            this.offers = offers;
            this.lastUse = now;
        }
    }

    /** The per-client servers of {@code full} that {@code shared} does not already run for everyone. */
    PerClient(SwitchboardConfig full, SwitchboardConfig shared, GatewaySettings settings, Clock clock,
            io.opentelemetry.api.OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.servers = full.servers().stream().filter(s -> isPerClient(s) && shared.server(s.name()).isEmpty())
                .map(s -> (ServerConfig) s).toList();
        this.base = full;
        this.settings = settings;
        this.clock = clock;
        this.max = servers.stream().mapToInt(s -> s.options().session().maxSessions()).min().orElse(0);
    }

    /** Whether a server of the configuration is run once per client (and so not by the shared Switchboard). */
    static boolean isPerClient(ServerConfig server) {
        return server.options().session().mode() == SessionPolicy.Mode.PER_CLIENT;
    }

    boolean any() {
        return !servers.isEmpty();
    }

    /** Whether the caller may see any of the per-client servers (if not, none is started for its sessions). */
    boolean anyVisibleTo(Caller caller) {
        return servers.stream().anyMatch(s -> caller.maySee(s.name(), null));
    }

    boolean owns(String server) {
        return servers.stream().anyMatch(s -> s.name().equals(server));
    }

    /** How many sessions have their own connections open. */
    int openCount() {
        return open.size();
    }

    /** The session's own offer (its per-client servers), opened now if need be; null when there are none. */
    Offer offer(Session session) {
        Own own = own(session);
        return own == null ? null : own.offers.current();
    }

    /** The session's own Switchboard with the per-client servers, opened now if need be. */
    Switchboard switchboard(Session session) {
        return own(session).switchboard;
    }

    /** Closes the connections that no request used for the idle timeout; the session opens new ones if it returns. */
    void closeIdle() {
        Instant now = clock.instant();
        open.forEach((session, pending) -> {
            Own own = pending.getNow(null);
            if (own != null && own.lastUse.plus(idleTimeout()).isBefore(now) && session.inFlightCount() == 0) {
                close(session);
            }
        });
    }

    void closeAll() {
        List.copyOf(open.keySet()).forEach(this::close);
    }

    private Own own(Session session) {
        if (servers.isEmpty()) {
            return null;
        }
        CompletableFuture<Own> pending = open.get(session);
        if (pending == null) {
            CompletableFuture<Own> mine = new CompletableFuture<>();
            opening.lock(); // the count and the reservation together, so that the cap holds under a burst
            try {
                pending = open.get(session);
                if (pending == null) {
                    if (open.size() >= max) {
                        throw full();
                    }
                    open.put(session, mine);
                    pending = mine;
                }
            } finally {
                opening.unlock();
            }
            if (pending == mine) {
                try {
                    mine.complete(start(session)); // outside the lock: one session's slow start delays no other
                } catch (RuntimeException e) {
                    open.remove(session, mine);
                    mine.completeExceptionally(e);
                }
            }
        }
        Own own = pending.join();
        own.lastUse = clock.instant();
        return own;
    }

    private JsonRpc.Failure full() {
        return new JsonRpc.Failure(JsonRpc.INTERNAL_ERROR, "the per-client servers (" + String.join(", ",
                servers.stream().map(ServerConfig::name).toList()) + ") already serve " + open.size()
                + " sessions, their session.max_sessions; end an idle session or raise the limit");
    }

    private Own start(Session session) {
        if (session.closed()) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_REQUEST, "the session has ended");
        }
        SwitchboardConfig config = base.toBuilder().servers(servers).build();
        Switchboard sb;
        try {
            sb = Switchboard.builder(config).handlers(session.clientRequests().handlers()
                    .withRoots(session.clientRequests()::roots)).openTelemetry(openTelemetry).start();
        } catch (SwitchboardException e) {
            throw new JsonRpc.Failure(JsonRpc.INTERNAL_ERROR, "the per-client servers could not be started for this"
                    + " session: " + e.getMessage());
        }
        sb.addListener(new SwitchboardListener() {
            @Override
            public void catalogChanged(SwitchboardEvent.CatalogChanged event) {
                event.parts().forEach(part -> session.notifyClient(Notices.listChanged(switch (part) {
                    case TOOLS -> "tools";
                    case PROMPTS -> "prompts";
                    case RESOURCES -> "resources";
                })));
            }
        });
        session.onClose(() -> close(session));
        return new Own(sb, new Offers(sb, settings), clock.instant());
    }

    private void close(Session session) {
        CompletableFuture<Own> pending = open.remove(session);
        if (pending != null) {
            pending.thenAccept(own -> own.switchboard.close());
        }
    }

    private java.time.Duration idleTimeout() {
        return servers.stream().map(s -> s.options().session().idleTimeout()).min(java.time.Duration::compareTo)
                .orElseThrow();
    }
}
