package dev.switchboard.it;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Switchboard could leave behind in this JVM, counted: its threads (platform and virtual, from a full thread
 * dump), the child processes of this JVM, and its open sockets (from /proc/self/fd).
 */
record Leftovers(List<String> threads, List<Long> processes, long sockets) {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(switchboard-[^\"]*)\"");

    /** Counts now; {@code ignoredProcess} (a pid, or -1) is a child the test itself started. */
    static Leftovers now(long ignoredProcess) {
        List<Long> processes = ProcessHandle.current().descendants().filter(p -> p.pid() != ignoredProcess
                && p.parent().map(q -> q.pid() != ignoredProcess).orElse(true)).map(ProcessHandle::pid).toList();
        return new Leftovers(switchboardThreads(), processes, openSockets());
    }

    private static List<String> switchboardThreads() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            Files.delete(dump); // the dump refuses to overwrite a file
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                Matcher m = NAME.matcher(Files.readString(dump));
                return m.results().map(r -> r.group(1)).sorted().toList();
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
