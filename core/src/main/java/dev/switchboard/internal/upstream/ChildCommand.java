package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the executable a stdio server's {@code command} names, before anything is started.
 *
 * <p>Resolving here rather than leaving it to {@link ProcessBuilder} has two reasons: the JDK searches the
 * <em>parent's</em> PATH, while the server must be looked up on the PATH it will itself see (its configured
 * environment); and the JDK's "error=2, No such file or directory" tells a user neither which PATH was searched nor
 * what to do about it. Each failure here becomes a {@link ErrorCode#PROCESS_START_FAILED} that says what to check.
 */
final class ChildCommand {
    private static final List<String> DEFAULT_WINDOWS_EXTENSIONS = List.of(".COM", ".EXE", ".BAT", ".CMD");

    private ChildCommand() {
    }

    /** The absolute path of the directory the server runs in, checked to exist. */
    static Path workingDirectory(String server, Path cwd) {
        Path dir = (cwd != null ? cwd : Path.of("")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "is not a directory" : "does not exist";
            throw failed(server, "working directory '" + dir + "' " + what
                    + "; check the server's cwd setting");
        }
        return dir;
    }

    /**
     * The absolute path of the executable, looked up on the child's PATH when {@code command} is a bare name and
     * resolved against {@code workDir} when it is a relative path.
     */
    static Path resolve(String server, String command, Map<String, String> childEnv, Path workDir) {
        if (command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0) {
            return checkExecutable(server, command, workDir.resolve(toPath(server, command)).normalize());
        }
        String path = pathOf(childEnv);
        List<Path> notExecutable = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : candidateNames(command, childEnv)) {
                Path candidate = workDir.resolve(toPath(server, dir)).resolve(name).normalize();
                if (Files.isRegularFile(candidate)) {
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                    notExecutable.add(candidate);
                }
            }
        }
        if (!notExecutable.isEmpty()) {
            throw failed(server, "command '" + command + "' was found at " + notExecutable.getFirst()
                    + " but is not executable; check its permissions (chmod +x)");
        }
        throw failed(server, "command '" + command + "' was not found on the PATH the server sees (" + path
                + "); check that it is installed, give its full path, or set PATH in the server's env");
    }

    private static Path checkExecutable(String server, String command, Path file) {
        if (!Files.exists(file)) {
            throw failed(server, "command '" + command + "' does not exist (looked at " + file
                    + "); check the path in the server's command");
        }
        if (!Files.isRegularFile(file)) {
            throw failed(server, "command '" + command + "' is not a regular file (" + file
                    + "); the command must name an executable");
        }
        if (!Files.isExecutable(file)) {
            throw failed(server, "command '" + command + "' (" + file + ") is not executable; check its "
                    + "permissions (chmod +x) or run it through its interpreter (e.g. command: bash, args: [file])");
        }
        return file;
    }

    private static String pathOf(Map<String, String> childEnv) {
        for (Map.Entry<String, String> e : childEnv.entrySet()) {
            if (e.getKey().equalsIgnoreCase("PATH")) {
                return e.getValue();
            }
        }
        return "";
    }

    private static List<String> candidateNames(String command, Map<String, String> childEnv) {
        if (!ChildEnvironment.isWindows() || command.contains(".")) {
            return List.of(command);
        }
        List<String> names = new ArrayList<>();
        names.add(command);
        String pathExt = childEnv.getOrDefault("PATHEXT", "");
        List<String> exts = pathExt.isBlank() ? DEFAULT_WINDOWS_EXTENSIONS : List.of(pathExt.split(";"));
        exts.forEach(ext -> names.add(command + ext.toLowerCase(Locale.ROOT)));
        return names;
    }

    private static Path toPath(String server, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw failed(server, "'" + text + "' is not a valid path: " + e.getReason());
        }
    }

    static SwitchboardException failed(String server, String message) {
        return new SwitchboardException(ErrorCode.PROCESS_START_FAILED, server,
                "stdio server '" + server + "' could not be started: " + message);
    }
}
