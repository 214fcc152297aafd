package dev.switchboard.gateway;

import dev.switchboard.config.GatewaySettings;
import dev.switchboard.config.GatewayToken;
import dev.switchboard.config.RateLimit;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the gateway now: the callers of the configured tokens, and the caller of everyone else. A reload of
 * the configuration applies its {@code gateway.tokens} and {@code gateway.rate_limit} without a restart, so that a
 * leaked token is revoked by removing its hash and reloading. A token that did not change keeps its caller, and with
 * it its sessions (bound to the caller), the state of its rate limit and its verified presentations; a removed or
 * changed token's sessions end ({@link #current}).
 */
final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    /** The callers in force together: the tokens (null without any), and the caller of everyone else. */
    private record State(Tokens tokens, Caller anyone, RateLimit globalLimit, AtomicRateLimiter global,
            Map<GatewayToken, TokenCaller> byToken) {
    }

    private final RateLimits limits;
    private final String separator;
    private volatile State state;

    AccessControl(GatewaySettings settings, String separator, Supplier<Long> nanoTime) {
        this.limits = new RateLimits(nanoTime);
        this.separator = separator;
        this.state = build(settings.tokens(), settings.rateLimit(), null);
    }

    /** The configured tokens' callers, or null when there are none (everyone is {@link #anyone()}). */
    Tokens tokens() {
        return state.tokens();
    }

    /** The caller of a request when no tokens are configured. */
    Caller anyone() {
        return state.anyone();
    }

    /**
     * Applies the tokens and the global rate limit of a reloaded configuration. A reload turns access control on,
     * never off: a file that lost its tokens (an edit gone wrong) must not open the gateway to anyone, so the tokens
     * in force stay, and a warning says to restart the gateway if that is meant.
     */
    void reload(GatewaySettings settings) {
        State before = state;
        if (settings.tokens().isEmpty() && before.tokens() != null) {
            log.atWarn().setMessage("gateway.tokens.kept").addKeyValue("reason", "the reloaded configuration has"
                    + " no gateway.tokens: the tokens in force stay, as a reload never turns access control off;"
                    + " restart the gateway to run it without tokens").log();
            return;
        }
        State after = build(settings.tokens(), settings.rateLimit(), before);
        state = after;
        log.atInfo().setMessage("gateway.tokens.reloaded").addKeyValue("tokens", settings.tokens().size())
                .addKeyValue("kept", after.byToken().values().stream().filter(before.byToken()::containsValue)
                        .count()).log();
    }

    /** Whether a session's caller is still one in force: false once its token was removed or changed. */
    Predicate<Caller> current() {
        State s = state;
        return caller -> s.tokens() == null ? caller == s.anyone() : s.byToken().containsValue(caller);
    }

    private State build(List<GatewayToken> tokens, RateLimit globalLimit, State before) {
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
        return new State(checker, anyone, globalLimit, global, Map.copyOf(byToken));
    }
}
