package dev.switchboard.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Debian's {@code chromium}, which the dashboard's browser tests drive: installed with apt-get when it is missing (the
 * tests run as root on these machines), never downloaded from anywhere else. When it cannot be installed the test
 * fails and says how to install it; it is not skipped, so a missing browser cannot pass for a working dashboard.
 */
final class Chromium {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final ReentrantLock INSTALLING = new ReentrantLock();

    private Chromium() {
    }

    /** The browser's executable, installed first if needed. */
    static Path executable() {
        INSTALLING.lock();
        try {
            if (Files.isExecutable(EXECUTABLE)) {
                return EXECUTABLE;
            }
            StringBuilder output = new StringBuilder();
            // The package lists may be stale on a fresh machine: a failed install is tried again after an update.
            boolean done = apt(output, "install", "-y", "--no-install-recommends", "chromium")
                    || apt(output, "update") && apt(output, "install", "-y", "--no-install-recommends", "chromium");
            if (!done || !Files.isExecutable(EXECUTABLE)) {
                throw new AssertionError("the dashboard's browser tests need Debian's chromium at " + EXECUTABLE
                        + " and apt-get could not install it: install it (as root: apt-get install -y chromium) and"
                        + " run the tests again. apt-get said:\n" + tail(output));
            }
            return EXECUTABLE;
        } finally {
            INSTALLING.unlock();
        }
    }

    private static boolean apt(StringBuilder output, String... args) {
        List<String> command = new ArrayList<>(List.of("apt-get", "-q", "-o", "DPkg::Lock::Timeout=300"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process p = pb.start();
            output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return p.waitFor(15, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            output.append(command).append(": ").append(e.getMessage()).append('\n');
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(StringBuilder output) {
        return output.length() <= 4000 ? output.toString() : output.substring(output.length() - 4000);
    }
}
