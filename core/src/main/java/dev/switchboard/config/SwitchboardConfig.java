package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import dev.switchboard.internal.util.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A whole, valid Switchboard configuration: the servers in configuration order, the cross-server policies, the
 * warnings the loader had about it, and the values it marks as secret.
 *
 * @param secrets the values marked secret: those of {@code ${VAR}} references in the file, and any given to
 *     {@link Builder#secret}; {@link #allSecrets()} adds the ones that are secret by their name or place
 *
 * <p>Load one with {@link ConfigLoader} from a file, or build one in code with {@link #builder()} or
 * {@link #of(List)}.
 */
public record SwitchboardConfig(List<ServerConfig> servers, Orchestration orchestration, LogSettings logging,
        GatewaySettings gateway, List<String> warnings, Secrets secrets) {

    public SwitchboardConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(orchestration, "orchestration");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(gateway, "gateway");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(secrets, "secrets");
        Set<String> names = new HashSet<>();
        for (ServerConfig s : servers) {
            Check.argument(names.add(s.name()), "servers.%s: duplicate name (expected: unique names)", s.name());
        }
    }

    /** A configuration of these servers with default policies. */
    public static SwitchboardConfig of(List<? extends ServerConfig> servers) {
        return builder().servers(servers).build();
    }

    /** A builder for a configuration without servers, with default policies and no warnings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().servers(servers).orchestration(orchestration).logging(logging).gateway(gateway)
                .warnings(warnings).secrets(secrets);
    }

    /**
     * Every value Switchboard masks for this configuration: the {@linkplain #secrets() marked} ones, and those secret
     * by their name or place (a value under a sensitive name in {@code env} or {@code headers} — Authorization,
     * anything with token, key, secret, password ... —, a URL's user-info or sensitive query value, the value of a
     * secret-looking flag in {@code args}, the gateway's token hashes and TLS password). Computed on each call: keep
     * the result.
     */
    public Secrets allSecrets() {
        List<String> found = new ArrayList<>();
        for (ServerConfig s : servers) {
            switch (s) {
                case StdioServer st -> {
                    found.addAll(Redactor.namedSecrets(st.env()));
                    found.addAll(Redactor.flagSecrets(st.args()));
                    st.args().forEach(a -> found.addAll(Redactor.urlSecrets(a)));
                }
                case HttpServer h -> {
                    found.addAll(Redactor.namedSecrets(h.headers()));
                    found.addAll(Redactor.urlSecrets(h.url().toString()));
                    if (h.auth() != null) {
                        Stream.of(h.auth().clientSecret(), h.auth().privateKey()).filter(Objects::nonNull)
                                .forEach(found::add);
                    }
                }
            }
        }
        found.addAll(gateway.secretValues());
        return secrets.and(found);
    }

    public Optional<ServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Builds a {@link SwitchboardConfig} one part at a time, so that a new part never breaks a caller. */
    public static final class Builder {
        private List<ServerConfig> servers = List.of();
        private Orchestration orchestration = Orchestration.DEFAULT;
        private LogSettings logging = LogSettings.DEFAULT;
        private GatewaySettings gateway = GatewaySettings.DEFAULT;
        private List<String> warnings = List.of();
        private Secrets secrets = Secrets.NONE;

        private Builder() {
        }

        public Builder servers(List<? extends ServerConfig> servers) {
            this.servers = List.copyOf(servers);
            return this;
        }

        public Builder orchestration(Orchestration orchestration) {
            this.orchestration = orchestration;
            return this;
        }

        public Builder logging(LogSettings logging) {
            this.logging = logging;
            return this;
        }

        public Builder gateway(GatewaySettings gateway) {
            this.gateway = gateway;
            return this;
        }

        public Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        /** Replaces the values marked secret. */
        public Builder secrets(Secrets secrets) {
            this.secrets = secrets;
            return this;
        }

        /** Marks one more value as secret: Switchboard never prints it. */
        public Builder secret(String value) {
            this.secrets = secrets.and(List.of(value));
            return this;
        }

        /** The configuration, checked by its constructor. */
        public SwitchboardConfig build() {
            return new SwitchboardConfig(servers, orchestration, logging, gateway, warnings, secrets);
        }
    }
}
