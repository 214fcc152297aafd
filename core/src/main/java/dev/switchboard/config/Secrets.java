package dev.switchboard.config;

import dev.switchboard.observe.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Hands the secret values of a loaded configuration to the {@link Redactor}, so later logs never show them. */
final class Secrets {
    // Remembered values are scrubbed from all text; "true" or "8080" would then vanish from every log line.
    private static final Pattern NOT_A_SECRET = Pattern.compile("(?i)true|false|yes|no|on|off|[-+]?\\d+(\\.\\d+)?");
    private static final int MIN_LENGTH_UNLESS_NAMED = 8;

    private Secrets() {
    }

    static void remember(List<ServerConfig> servers) {
        List<String> secrets = new ArrayList<>();
        for (ServerConfig server : servers) {
            Map<String, String> values = switch (server) {
                case StdioServer s -> s.env();
                case HttpServer h -> h.headers();
            };
            values.forEach((name, value) -> {
                if (isSecret(name, value)) {
                    secrets.add(value);
                }
            });
        }
        Redactor.remember(secrets);
    }

    static boolean isSecret(String name, String value) {
        if (Redactor.isSensitiveName(name)) {
            return true;
        }
        return value.length() >= MIN_LENGTH_UNLESS_NAMED && !NOT_A_SECRET.matcher(value).matches();
    }
}
