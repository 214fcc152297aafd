package dev.switchboard.config;

import java.util.Locale;
import java.util.Optional;

/** What a call across all servers (such as gathering resources) does when some servers fail. */
public enum FailurePolicy {
    /** Any server failing fails the whole call with one error naming every failed server; no partial data. */
    FAIL_FAST("fail-fast"),
    /** The call returns what the working servers gave, with each failure reported next to it. */
    BEST_EFFORT("best-effort");

    private final String configName;

    FailurePolicy(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and output. */
    public String configName() {
        return configName;
    }

    /** Parses {@code fail-fast} or {@code best-effort} (any case, {@code _} for {@code -}). */
    public static Optional<FailurePolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "fail-fast" -> Optional.of(FAIL_FAST);
            case "best-effort" -> Optional.of(BEST_EFFORT);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return configName;
    }
}
