package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the gateway accepts OAuth 2.1 access tokens (JWTs) from one authorization server, as an MCP resource server:
 * whose tokens, for which audience, with which scopes, and what each kind of token may see and do. Nothing here is
 * secret: the gateway only ever holds the issuer's public keys.
 *
 * @param issuer the authorization server's issuer identifier, compared exactly with a token's {@code iss}
 * @param resource the URL clients use for the gateway's MCP endpoint (its resource identifier, RFC 8707/9728), or
 *     null for the address it listens on (only allowed on loopback: beyond it, the listen address is rarely the one
 *     clients use)
 * @param audience the {@code aud} a token must carry, or null for {@code resource}
 * @param jwksUri where the issuer's signing keys are, or null to read it from the issuer's metadata (RFC 8414, then
 *     OpenID Connect discovery)
 * @param scopesRequired scopes every token must have (403 {@code insufficient_scope} without them); also what a
 *     client without a token is told to ask for
 * @param clockSkew how far the gateway's clock and the issuer's may disagree when checking {@code exp} and
 *     {@code nbf}
 * @param identityClaim the claim that names the caller in logs, and whose value has its own rate limit and
 *     sessions; {@code sub} by default
 * @param rules what a token may see and do, the first rule whose condition it meets applying; without rules every
 *     valid token may use everything (but not control); with rules, a token none matches is refused (403)
 */
public record GatewayOAuth(String issuer, URI resource, String audience, URI jwksUri, List<String> scopesRequired,
        Duration clockSkew, String identityClaim, List<Rule> rules) {

    /** What a token a rule matches may see and do, like a static token of {@code gateway.tokens}. */
    public record Rule(String name, String scope, Map<String, String> claims, List<String> servers,
            List<String> tools, boolean control, RateLimit rateLimit) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Check.argument(GatewayToken.validName(name), "gateway.oauth.rules: name %s (expected: %s)",
                    Section.shown(name), GatewayToken.NAME_EXPECTED);
            claims = Map.copyOf(claims);
            servers = List.copyOf(servers);
            tools = List.copyOf(tools);
        }

        /** A rule that every token matches and that allows everything but control. */
        public static Builder builder(String name) {
            return new Builder(name);
        }

        /**
         * Whether a token with these scopes and claims meets the rule's condition: it has {@code scope} (when set)
         * and each of {@code claims} is the token's claim, or one of its values when the claim is a list.
         */
        public boolean matches(Set<String> tokenScopes, Map<String, Object> tokenClaims) {
            if (scope != null && !tokenScopes.contains(scope)) {
                return false;
            }
            return claims.entrySet().stream().allMatch(c -> {
                Object v = tokenClaims.get(c.getKey());
                return v instanceof Collection<?> values ? values.stream().anyMatch(x -> c.getValue().equals(
                        String.valueOf(x))) : v != null && c.getValue().equals(String.valueOf(v));
            });
        }

        /** Whether the rule lets a token see the server at all; as {@link GatewayToken#allowsServer}. */
        public boolean allowsServer(String server) {
            return servers.isEmpty() || servers.contains(server);
        }

        /** Whether the rule lets a token see and call a tool; as {@link GatewayToken#allowsTool}. */
        public boolean allowsTool(String server, String tool, String separator) {
            if (!allowsServer(server)) {
                return false;
            }
            String qualified = server + separator + tool;
            return tools.isEmpty() || tools.stream().anyMatch(g -> ToolFilter.matches(g, tool)
                    || ToolFilter.matches(g, qualified));
        }

        /** Builds a {@link Rule} one setting at a time. */
        public static final class Builder {
            private final String name;
            private String scope;
            private Map<String, String> claims = Map.of();
            private List<String> servers = List.of();
            private List<String> tools = List.of();
            private boolean control;
            private RateLimit rateLimit;

            private Builder(String name) {
                this.name = name;
            }

            public Builder scope(String scope) {
                this.scope = scope;
                return this;
            }

            public Builder claims(Map<String, String> claims) {
                this.claims = claims;
                return this;
            }

            public Builder servers(List<String> servers) {
                this.servers = servers;
                return this;
            }

            public Builder tools(List<String> tools) {
                this.tools = tools;
                return this;
            }

            public Builder control(boolean control) {
                this.control = control;
                return this;
            }

            /** Each identity's own limit on tool calls; null for none. */
            public Builder rateLimit(RateLimit rateLimit) {
                this.rateLimit = rateLimit;
                return this;
            }

            public Rule build() {
                return new Rule(name, scope, claims, servers, tools, control, rateLimit);
            }
        }
    }

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public GatewayOAuth {
        Objects.requireNonNull(issuer, "issuer");
        Check.argument(!issuer.isBlank(), "gateway.oauth.issuer: blank (expected: the issuer's URL, e.g."
                + " https://auth.example.com)");
        Check.argument(audience == null || !audience.isBlank(), "gateway.oauth.audience: blank (expected: the"
                + " gateway's resource URL, or no audience for it)");
        scopesRequired = List.copyOf(scopesRequired);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Check.argument(!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                "gateway.oauth.clock_skew: %s (expected: 0s to 5m)", clockSkew);
        Objects.requireNonNull(identityClaim, "identityClaim");
        Check.argument(!identityClaim.isBlank(), "gateway.oauth.identity_claim: blank (expected: e.g. sub)");
        rules = List.copyOf(rules);
        Check.argument(rules.stream().map(Rule::name).distinct().count() == rules.size(), "gateway.oauth.rules:"
                + " two rules have the same name (expected: unique names, which logs show)");
    }

    /** Tokens of {@code issuer}, for the gateway's own resource URL, with any scope; see {@link Builder}. */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** The scopes a client may ask for: the required ones, then those the rules name. */
    public List<String> scopesSupported() {
        return java.util.stream.Stream.concat(scopesRequired.stream(), rules.stream().map(Rule::scope)
                .filter(Objects::nonNull)).distinct().toList();
    }

    /** Builds {@link GatewayOAuth} one setting at a time. */
    public static final class Builder {
        private final String issuer;
        private URI resource;
        private String audience;
        private URI jwksUri;
        private List<String> scopesRequired = List.of();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private String identityClaim = "sub";
        private List<Rule> rules = List.of();

        private Builder(String issuer) {
            this.issuer = issuer;
        }

        public Builder resource(URI resource) {
            this.resource = resource;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder jwksUri(URI jwksUri) {
            this.jwksUri = jwksUri;
            return this;
        }

        public Builder scopesRequired(List<String> scopes) {
            this.scopesRequired = scopes;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder identityClaim(String claim) {
            this.identityClaim = claim;
            return this;
        }

        public Builder rules(List<Rule> rules) {
            this.rules = rules;
            return this;
        }

        public GatewayOAuth build() {
            return new GatewayOAuth(issuer, resource, audience, jwksUri, scopesRequired, clockSkew, identityClaim,
                    rules);
        }
    }
}
