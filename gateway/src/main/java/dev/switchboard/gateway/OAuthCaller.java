package dev.switchboard.gateway;

import dev.switchboard.config.GatewayOAuth;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@link Caller} of the requests that present OAuth access tokens of one identity (the token's
 * {@code identity_claim}, {@code sub} by default) under one rule: what the rule allows, with the rule's rate limit
 * counted for this identity alone. Equal callers are the same identity under the same rule of the same
 * {@link AccessTokens}, so that a client whose token was refreshed keeps its sessions.
 */
final class OAuthCaller implements Caller {
    private final AccessTokens issuer;
    private final GatewayOAuth.Rule rule;
    private final String identity;
    private final String separator;
    private final AtomicRateLimiter own;
    private final AtomicRateLimiter global;

    OAuthCaller(AccessTokens issuer, GatewayOAuth.Rule rule, String identity, String separator,
            AtomicRateLimiter own, AtomicRateLimiter global) {
        this.issuer = issuer;
        this.rule = rule;
        this.identity = identity;
        this.separator = separator;
        this.own = own;
        this.global = global;
    }

    @Override
    public String name() {
        return identity;
    }

    @Override
    public String identity() {
        return "oauth:" + identity;
    }

    @Override
    public boolean maySee(String server, String tool) {
        if (rule == null) {
            return true;
        }
        return tool == null ? rule.allowsServer(server) : rule.allowsTool(server, tool, separator);
    }

    @Override
    public boolean mayControl() {
        return rule != null && rule.control();
    }

    @Override
    public Duration permitCall() {
        return RateLimits.permit(own, global);
    }

    /** Whether the caller's tokens are checked by {@code tokens}, the OAuth settings in force. */
    boolean checkedBy(AccessTokens tokens) {
        return issuer == tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthCaller c && c.issuer == issuer && Objects.equals(c.rule, rule)
                && c.identity.equals(identity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(issuer), rule == null ? null : rule.name(), identity);
    }

    @Override
    public String toString() {
        return "OAuthCaller[" + identity + (rule == null ? "" : ", rule " + rule.name()) + "]";
    }
}
