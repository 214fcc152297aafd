package dev.switchboard.gateway;

import dev.switchboard.config.GatewayOAuth;
import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.GatewayToken;
import dev.switchboard.config.RateLimit;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the gateway now: the callers of the configured tokens, those of OAuth access tokens
 * ({@code gateway.oauth}), and the caller of everyone else. A reload of the configuration applies its
 * {@code gateway.tokens}, {@code gateway.oauth} and {@code gateway.rate_limit} without a restart, so that a leaked
 * token is revoked by removing its hash and reloading. A token that did not change keeps its caller, and with it its
 * sessions (bound to the caller), the state of its rate limit and its verified presentations; a removed or changed
 * token's sessions end ({@link #current}), and so do all OAuth sessions when {@code gateway.oauth} changed.
 */
final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    /** The callers in force together: the tokens (null without any), OAuth (null without), and everyone else's. */
    private record State(Tokens tokens, AccessTokens oauth, Caller anyone, RateLimit globalLimit,
            AtomicRateLimiter global, Map<GatewayToken, TokenCaller> byToken) {
        boolean controlled() {
            return tokens != null || oauth != null;
        }
    }

    private final RateLimits limits;
    private final String separator;
    private final Clock clock;
    private final Supplier<URI> gatewayUrl;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile State state;
    /** The settings last applied by {@link #follow}: compared by identity, as each reload makes new ones. */
    private volatile GatewaySettings followed;

    /** Without OAuth: the static tokens only. */
    AccessControl(GatewaySettings settings, String separator, Supplier<Long> nanoTime) {
        this(settings, separator, nanoTime, Clock.systemUTC(), () -> {
            throw new IllegalStateException("no gateway URL: gateway.oauth needs the gateway");
        });
    }

    /**
     * Access as the settings say; {@code clock} checks the expiry of OAuth tokens, {@code gatewayUrl} (the MCP
     * endpoint's, once the gateway listens) is their default audience.
     */
    AccessControl(GatewaySettings settings, String separator, Supplier<Long> nanoTime, Clock clock,
            Supplier<URI> gatewayUrl) {
        this.limits = new RateLimits(nanoTime);
        this.separator = separator;
        this.clock = clock;
        this.gatewayUrl = gatewayUrl;
        this.state = build(settings, null);
    }

    /** The configured tokens' callers, or null when there are none. */
    Tokens tokens() {
        return state.tokens();
    }

    /** The check of OAuth access tokens, or null without {@code gateway.oauth}. */
    AccessTokens accessTokens() {
        return state.oauth();
    }

    /** Whether a request needs a token (static or OAuth); when not, everyone is {@link #anyone()}. */
    boolean controlled() {
        return state.controlled();
    }

    /** The caller of a request when access is not controlled. */
    Caller anyone() {
        return state.anyone();
    }

    /**
     * Applies the tokens, OAuth and the global rate limit of a reloaded configuration. A reload turns access control
     * on, never off: a file that lost its tokens and OAuth (an edit gone wrong) must not open the gateway to anyone,
     * so what is in force stays, and a warning says to restart the gateway if that is meant.
     */
    void reload(GatewaySettings settings) {
        State before = state;
        if (!settings.accessControlled() && before.controlled()) {
            log.atWarn().setMessage("gateway.tokens.kept").addKeyValue("reason", "the reloaded configuration has"
                    + " no gateway.tokens and no gateway.oauth: the access control in force stays, as a reload never"
                    + " turns it off; restart the gateway to run it without tokens").log();
            return;
        }
        State after = build(settings, before);
        state = after;
        log.atInfo().setMessage("gateway.tokens.reloaded").addKeyValue("tokens", settings.tokens().size())
                .addKeyValue("kept", after.byToken().values().stream().filter(before.byToken()::containsValue)
                        .count()).addKeyValue("oauth", settings.oauth() != null).log();
    }

    /**
     * Applies {@code latest} when it is not the settings last applied: the gateway calls this on every request with
     * the configuration file's settings, so that once a reload has returned, a revoked token is refused, even before
     * the gateway hears of the reload (an event, delivered later). True when it applied them.
     */
    boolean follow(GatewaySettings latest) {
        if (latest == followed) {
            return false;
        }
        reloading.lock();
        try {
            if (latest == followed) {
                return false;
            }
            if (followed != null) {
                reload(latest);
            }
            followed = latest;
            return true;
        } finally {
            reloading.unlock();
        }
    }

    /** Stops what OAuth holds open (its HTTP client); the gateway is stopping. */
    void close() {
        AccessTokens oauth = state.oauth();
        if (oauth != null) {
            oauth.close();
        }
    }

    /** Whether a session's caller is still one in force: false once its token was removed or changed. */
    Predicate<Caller> current() {
        State s = state;
        return caller -> {
            if (caller instanceof OAuthCaller o) {
                return s.oauth() != null && o.checkedBy(s.oauth());
            }
            return caller instanceof TokenCaller ? s.byToken().containsValue(caller)
                    : !s.controlled() && caller == s.anyone();
        };
    }

    private State build(GatewaySettings settings, State before) {
        List<GatewayToken> tokens = settings.tokens();
        RateLimit globalLimit = settings.rateLimit();
        // A changed global limit makes every caller anew (each holds it): their sessions end with the change.
        boolean sameGlobal = before != null && Objects.equals(before.globalLimit(), globalLimit);
        AtomicRateLimiter global = sameGlobal ? before.global() : limits.limiter("switchboard-gateway", globalLimit);
        Caller anyone = sameGlobal ? before.anyone() : TokenCaller.anyone(global);
        Map<GatewayToken, TokenCaller> byToken = new HashMap<>();
        for (GatewayToken t : tokens) {
            TokenCaller kept = sameGlobal ? before.byToken().get(t) : null;
            byToken.put(t, kept != null ? kept : new TokenCaller(t, separator,
                    limits.limiter("switchboard-gateway-token-" + t.name(), t.rateLimit()), global));
        }
        Tokens checker = tokens.isEmpty() ? null : before != null && before.tokens() != null
                ? before.tokens().reloaded(List.copyOf(byToken.values()))
                : new Tokens(List.copyOf(byToken.values()));
        return new State(checker, oauth(settings.oauth(), sameGlobal ? before : null, global), anyone, globalLimit,
                global, Map.copyOf(byToken));
    }

    /** The check of OAuth tokens: kept when the settings did not change, so its callers and sessions stay. */
    private AccessTokens oauth(GatewayOAuth oauth, State before, AtomicRateLimiter global) {
        if (oauth == null) {
            return null;
        }
        if (before != null && before.oauth() != null && before.oauth().settings().equals(oauth)) {
            return before.oauth();
        }
        return new AccessTokens(oauth, gatewayUrl, separator, limits, global, clock);
    }
}
