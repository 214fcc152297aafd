package dev.switchboard.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI keeps the OAuth tokens of servers with {@code auth:}: {@code SWITCHBOARD_TOKEN_DIR}, else
 * {@code $XDG_CONFIG_HOME/switchboard/tokens}, else {@code ~/.config/switchboard/tokens}.
 */
final class TokenDirectory {
    private TokenDirectory() {
    }

    /** {@code --token-dir} when given, else the default of this environment. */
    static Path or(Path given) {
        return given != null ? given : of(System.getenv());
    }

    static Path of(Map<String, String> environment) {
        String dir = environment.get("SWITCHBOARD_TOKEN_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"),
                ".config");
        return config.resolve("switchboard").resolve("tokens");
    }
}
