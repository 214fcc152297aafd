package dev.switchboard.gateway;

import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.eclipse.jetty.server.Request;

/**
 * Who is calling the gateway, as its access control established it for one HTTP request: the name of the token it
 * presented, which servers and tools it may see and call, whether it may use the control endpoints, and its share of
 * the rate limits. Without tokens configured every request is {@link #ANYONE} (the gateway then listens on loopback
 * only).
 */
interface Caller {
    /** The request attribute that carries the caller, set before any endpoint handles the request. */
    String ATTRIBUTE = Caller.class.getName();

    /** Anyone, when no token is configured: may see and do everything, without a rate limit. */
    Caller ANYONE = new Anyone(null);

    /** Anyone: may see and do everything, within the global rate limit when there is one (null: none). */
    record Anyone(AtomicRateLimiter global) implements Caller {
        @Override
        public String name() {
            return "anyone";
        }

        @Override
        public boolean maySee(String server, String tool) {
            return true;
        }

        @Override
        public boolean mayControl() {
            return true;
        }

        @Override
        public Duration permitCall() {
            return global == null ? null : RateLimits.permit(null, global);
        }
    }

    /** The caller of a request: the one access control attached, else {@link #ANYONE}. */
    static Caller of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller c ? c : ANYONE;
    }

    /** The token's name (never the token), for logs and metrics. */
    String name();

    /**
     * The authenticated identity whose own upstream grants a {@code credentials: per_user} server uses:
     * {@code token:<name>} for a gateway token, {@code oauth:<identity>} for an OAuth identity (see
     * {@link OAuthCaller}); null for {@link #ANYONE}, which is nobody in particular. Two kinds, two name spaces: a
     * token named {@code alice} and an OAuth identity {@code alice} (a claim the identity provider decides) must
     * never share one grant.
     */
    default String identity() {
        return this instanceof Anyone ? null : "token:" + name();
    }

    /**
     * Whether the caller may see and call a tool of a server; with {@code tool} null, whether it may see the server at
     * all (its status, resources and prompts). What it may not see is answered as if it did not exist.
     */
    boolean maySee(String server, String tool);

    /** Whether the caller may enable, disable and reconnect servers and reload the configuration. */
    boolean mayControl();

    /**
     * Takes one tool call from the caller's rate limits (a batch takes one per item): null when permitted, else how
     * long to wait before trying again (429 with {@code Retry-After}).
     */
    Duration permitCall();
}
