package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code gateway.oauth} (the authorization server whose JWT access tokens the gateway accepts, and the rules
 * that say what each token may do) into a {@link GatewayOAuth}; null after reporting every problem.
 */
final class GatewayOAuthReader {
    static final List<String> KEYS = List.of("issuer", "resource", "audience", "jwks_uri", "scopes_required",
            "clock_skew", "identity_claim", "rules");
    static final List<String> RULE_KEYS = List.of("name", "scope", "claims", "servers", "tools", "control",
            "rate_limit");
    static final String EXPECTED = "a map with issuer and optionally " + String.join(", ", KEYS.subList(1,
            KEYS.size())) + ", e.g. {issuer: https://auth.example.com, scopes_required: [mcp]}";
    private static final String RULES_EXPECTED = "a list of {name, scope, claims, servers, tools, control,"
            + " rate_limit}, e.g. [{name: readers, scope: \"mcp:read\", servers: [docs]}]";
    private static final String SCOPE_EXPECTED = "a scope name without spaces, e.g. mcp:tools";

    private GatewayOAuthReader() {
    }

    static GatewayOAuth read(Section o) {
        int before = o.problems().errorCount();
        o.rejectUnknown(KEYS);
        String issuer = o.string("issuer");
        if (issuer == null) {
            o.error("issuer", "is missing (expected: the authorization server's issuer URL, exactly as its tokens"
                    + " carry it in iss, e.g. https://auth.example.com)");
        } else {
            url(o, "issuer");
        }
        URI resource = o.has("resource") ? url(o, "resource") : null;
        URI jwks = o.has("jwks_uri") ? url(o, "jwks_uri") : null;
        String audience = o.string("audience");
        if (audience != null && audience.isBlank()) {
            o.error("audience", "is blank (expected: the aud tokens carry, or no audience for the resource URL)");
        }
        List<String> scopes = scopes(o);
        Duration skew = o.duration("clock_skew");
        if (skew != null && (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0)) {
            o.error("clock_skew", Section.shown(o.raw("clock_skew")) + " is out of range (expected: 0s to 5m,"
                    + " e.g. 30s)");
        }
        String identity = o.string("identity_claim");
        if (identity != null && identity.isBlank()) {
            o.error("identity_claim", "is blank (expected: the claim that names the caller, e.g. sub)");
        }
        List<GatewayOAuth.Rule> rules = rules(o);
        if (o.problems().errorCount() > before) {
            return null;
        }
        GatewayOAuth.Builder b = GatewayOAuth.builder(issuer.trim()).resource(resource).jwksUri(jwks)
                .audience(audience == null ? null : audience.trim());
        OptionsReader.set(scopes, b::scopesRequired);
        OptionsReader.set(skew, b::clockSkew);
        OptionsReader.set(identity == null ? null : identity.trim(), b::identityClaim);
        OptionsReader.set(rules, b::rules);
        return b.build();
    }

    /** An http(s) URL, https beyond loopback; null after reporting. */
    private static URI url(Section o, String key) {
        URI uri = UrlRules.parse(o.string(key), o.path(key), o.problems());
        if (uri != null && !uri.getScheme().equalsIgnoreCase("https") && !GatewayRules.isLoopback(uri.getHost())) {
            o.error(key, Section.shown(Redactor.url(uri.toString())) + " is plain http beyond this machine (expected:"
                    + " an https:// URL; http:// only on loopback, e.g. in tests)");
            return null;
        }
        return uri;
    }

    private static List<String> scopes(Section o) {
        List<String> scopes = o.strings("scopes_required", "[mcp]");
        for (int i = 0; scopes != null && i < scopes.size(); i++) {
            if (!validScope(scopes.get(i))) {
                o.problems().error(Tree.index(o.path("scopes_required"), i), Section.shown(scopes.get(i))
                        + " is not a scope (expected: " + SCOPE_EXPECTED + ")");
            }
        }
        return scopes;
    }

    private static boolean validScope(String scope) {
        return !scope.isEmpty() && scope.chars().allMatch(c -> c > 0x20 && c != '"' && c != '\\' && c < 0x7f);
    }

    private static List<GatewayOAuth.Rule> rules(Section o) {
        if (!o.has("rules")) {
            return null;
        }
        if (!(o.raw("rules") instanceof List<?> items)) {
            o.error("rules", "is " + Tree.describe(o.raw("rules")) + " (expected: " + RULES_EXPECTED + ")");
            return null;
        }
        List<GatewayOAuth.Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Section r = Section.of(items.get(i), Tree.index(o.path("rules"), i), o.problems(), "a map with "
                    + String.join(", ", RULE_KEYS));
            GatewayOAuth.Rule rule = items.get(i) instanceof Map<?, ?> ? rule(r) : null;
            if (rule != null && !names.add(rule.name())) {
                r.error("name", Section.shown(rule.name()) + " is the name of another rule (expected: unique names,"
                        + " which logs show)");
            } else if (rule != null) {
                rules.add(rule);
            }
        }
        return rules.size() == items.size() ? rules : null;
    }

    private static GatewayOAuth.Rule rule(Section r) {
        int before = r.problems().errorCount();
        r.rejectUnknown(RULE_KEYS);
        String name = r.string("name");
        if (name == null || !GatewayToken.validName(name)) {
            r.error("name", (name == null ? "is missing" : Section.shown(name) + " is not a rule name")
                    + " (expected: " + GatewayToken.NAME_EXPECTED.replace("ci-bot", "readers") + ")");
        }
        String scope = r.string("scope");
        if (scope != null && !validScope(scope)) {
            r.error("scope", Section.shown(scope) + " is not a scope (expected: " + SCOPE_EXPECTED + ")");
        }
        Map<String, String> claims = r.stringMap("claims");
        GatewayAccessReader.Grant grant = GatewayAccessReader.grant(r);
        if (r.problems().errorCount() > before) {
            return null;
        }
        return GatewayOAuth.Rule.builder(name).scope(scope).claims(OptionsReader.or(claims, Map.of()))
                .servers(grant.servers()).tools(grant.tools()).control(grant.control()).rateLimit(grant.rateLimit())
                .build();
    }
}
