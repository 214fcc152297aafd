package dev.switchboard.internal.catalog;

import dev.switchboard.CatalogEntry;
import dev.switchboard.config.Orchestration;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import dev.switchboard.internal.upstream.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged tool catalog of every configured server, always computed from the servers' current state.
 *
 * <p>Each read compares the servers' state (connected or not, and the identity of their tool lists, which a session
 * replaces on {@code notifications/tools/list_changed} and a reconnect brings anew) with the inputs of the cached
 * snapshot, and rebuilds the snapshot when anything differs: a stale catalog is never served, and an unchanged one
 * costs a few comparisons. Safe for concurrent use: snapshots are immutable and rebuilding is idempotent.
 */
public final class Catalog {
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final List<Upstream> upstreams;
    private final String separator;
    private final boolean validate;
    private final LogGate gate;
    private final ArgumentValidator validator;
    /** Conflicts and renames already logged, so each choice is logged once, not on every rebuild. */
    private final Set<Object> logged = ConcurrentHashMap.newKeySet();
    private volatile CatalogSnapshot current;

    /** A catalog over these connections, given in configuration order, logging through {@code gate}. */
    public Catalog(List<Upstream> upstreams, Orchestration orchestration, LogGate gate) {
        this.upstreams = List.copyOf(upstreams);
        this.gate = gate;
        this.validator = new ArgumentValidator(gate);
        this.separator = orchestration.nameSeparator();
        this.validate = orchestration.validateArguments();
    }

    /** Every tool, in priority then configuration order; the tools of a server that is down are unavailable. */
    public List<CatalogEntry> entries() {
        return snapshot().entries();
    }

    /**
     * The tool a name means: a qualified name, a bare tool name (the highest-priority server offering it), or
     * {@code <server or alias><separator><tool>}.
     *
     * @throws dev.switchboard.SwitchboardException UNKNOWN_TOOL with the closest names, UNKNOWN_SERVER listing the
     *     known servers, or SERVER_UNAVAILABLE when the server named has never been connected
     */
    public CatalogEntry resolve(String name) {
        CatalogSnapshot s = snapshot();
        return s.find(name).orElseThrow(() -> CatalogErrors.unresolved(s, name));
    }

    /** The catalog entry of a tool of a server (by configured name), if the catalog offers it. */
    public Optional<CatalogEntry> find(String server, String tool) {
        return snapshot().find(server, tool);
    }

    /**
     * Checks a call before it is sent: the tool must be in the catalog (not hidden by a filter, and listed by the
     * server when it is connected), and, unless turned off, the arguments must fit its input schema. A tool of a
     * server that is down passes, so that the call reports why the server is unavailable.
     *
     * @throws dev.switchboard.SwitchboardException UNKNOWN_TOOL or INVALID_ARGUMENTS
     */
    public void checkCall(String server, String tool, Map<String, Object> arguments) {
        CatalogSnapshot s = snapshot();
        Optional<CatalogEntry> entry = s.find(server, tool);
        if (entry.isPresent()) {
            if (validate) {
                validator.check(server, entry.get().definition(), arguments);
            }
            return;
        }
        boolean up = s.input(server).map(ServerTools::available).orElse(false);
        if (up || s.isHidden(server, tool)) {
            throw CatalogErrors.unknownTool(s, server, tool);
        }
    }

    private CatalogSnapshot snapshot() {
        List<ServerTools> inputs = inputs();
        CatalogSnapshot s = current;
        if (s != null && s.isFor(inputs)) {
            return s;
        }
        s = CatalogSnapshot.of(inputs, separator);
        current = s;
        logChoices(s);
        return s;
    }

    private List<ServerTools> inputs() {
        List<ServerTools> out = new ArrayList<>(upstreams.size());
        for (int i = 0; i < upstreams.size(); i++) {
            Upstream u = upstreams.get(i);
            ServerOptions o = u.config().options();
            // State first: a server turns READY only after its session is in place, so "available" is never paired
            // with the previous session's tools; a session that appears between the two reads shows up next time.
            boolean ready = u.isReady(); // on every call: a flag, not a status snapshot
            out.add(new ServerTools(u.name(), o.aliases(), o.priority(), i, ready, o.tools(), u.lastKnownTools()));
        }
        return out;
    }

    private void logChoices(CatalogSnapshot s) {
        for (CatalogSnapshot.Conflict c : s.conflicts()) {
            if (logged.add(c)) {
                gate.info(log, LogEvents.CATALOG_CONFLICT).addKeyValue("tool", c.tool())
                        .addKeyValue("winner", c.winner()).addKeyValue("losers", String.join(",", c.losers())).log();
            }
        }
        for (CatalogEntry e : s.entries()) {
            String plain = e.server() + separator + e.tool();
            if (!plain.equals(e.qualifiedName()) && logged.add(List.of(plain, e.qualifiedName()))) {
                gate.info(log, LogEvents.CATALOG_RENAMED).addKeyValue("server", e.server())
                        .addKeyValue("tool", e.tool()).addKeyValue("name", e.qualifiedName()).log();
            }
        }
    }
}
