package dev.switchboard.gateway;

import dev.switchboard.config.GatewayToken;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;

/** The {@link Caller} of the requests that present one configured token: its filters and its rate limits. */
final class TokenCaller implements Caller {
    private final GatewayToken token;
    private final String separator;
    private final AtomicRateLimiter own;
    private final AtomicRateLimiter global;

    TokenCaller(GatewayToken token, String separator, AtomicRateLimiter own, AtomicRateLimiter global) {
        this.token = token;
        this.separator = separator;
        this.own = own;
        this.global = global;
    }

    /** Without tokens: anyone may see and do everything, within the global rate limit when there is one. */
    static Caller anyone(AtomicRateLimiter global) {
        if (global == null) {
            return ANYONE;
        }
        return new Anyone(global);
    }

    @Override
    public String name() {
        return token.name();
    }

    @Override
    public boolean maySee(String server, String tool) {
        return tool == null ? token.allowsServer(server) : token.allowsTool(server, tool, separator);
    }

    @Override
    public boolean mayControl() {
        return token.control();
    }

    @Override
    public Duration permitCall() {
        return RateLimits.permit(own, global);
    }

    /** The token's hash, whose salt a presented token names. */
    GatewayToken token() {
        return token;
    }

    @Override
    public String toString() {
        return "TokenCaller[" + token.name() + "]";
    }
}
