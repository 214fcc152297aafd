package dev.switchboard.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Things about a stdio server that work but are likely mistakes or risks: warned about, not rejected. */
final class StdioWarnings {
    private StdioWarnings() {
    }

    static void check(Section s, String command, List<String> args, List<String> passEnv, boolean inheritEnv,
            Map<String, String> environment) {
        if (command != null) {
            commandShape(s, command.trim(), args);
        }
        if (inheritEnv) {
            s.warn("inherit_env", "the server sees every environment variable of this process, secrets included"
                    + " (expected: pass_env: [NAME, ...] with only the variables it needs)");
        }
        for (String name : passEnv) {
            if (!environment.containsKey(name)) {
                s.warn("pass_env", name + " is not set in this environment, so the server will not see it");
            }
        }
    }

    private static void commandShape(Section s, String command, List<String> args) {
        if (command.startsWith("~")) {
            s.warn("command", "starts with ~, which is not expanded: no shell runs the command (expected: an"
                    + " absolute path, or ${HOME}/...)");
        } else if (isRelativePath(command)) {
            s.warn("command", "is a relative path, resolved against whatever the working directory is at start"
                    + " (expected: an absolute path, or a command on PATH)");
        }
        if (args.isEmpty() && command.contains(" ") && !command.contains("/") && !command.contains("\\")) {
            s.warn("command", "contains spaces but no shell splits it into words (expected: the executable alone,"
                    + " e.g. command: npx, args: [-y, some-package])");
        }
    }

    private static boolean isRelativePath(String command) {
        if (!command.contains("/") && !command.contains("\\")) {
            return false; // a bare name is looked up on PATH
        }
        try {
            return !Path.of(command).isAbsolute() && !command.matches("^[A-Za-z]:[\\\\/].*");
        } catch (InvalidPathException e) {
            return true;
        }
    }
}
