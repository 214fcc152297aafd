package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What this JVM holds that a leak would grow, counted: child processes, platform threads by name, virtual threads,
 * file descriptors by kind (from /proc/self/fd) and the heap used after a full GC. Take one before a test and one
 * after everything was closed; {@link #leaksSince} names whatever did not come back.
 *
 * @param processes        pids of this JVM's descendants
 * @param platformThreads  live platform threads by name, digits replaced by {@code #} (pool sizes vary by name)
 * @param virtualThreads   live virtual threads
 * @param descriptors      open descriptors by kind: socket, pipe, anon_inode, file
 * @param heapBytes        heap used after a full GC
 */
public record ResourceBaseline(List<Long> processes, Map<String, Integer> platformThreads, int virtualThreads,
                               Map<String, Integer> descriptors, long heapBytes) {

    /**
     * Threads of the JVM and of process-wide pools that come and go on their own (JIT compilers, the virtual-thread
     * scheduler's carriers, the process reaper, Reactor's shared schedulers, idle HTTP client workers): their count
     * says nothing about a leak of ours.
     */
    private static final Pattern SELF_MANAGED = Pattern.compile("C[12] CompilerThread#|ForkJoinPool-#-worker-#"
            + "|ForkJoinPool\\.commonPool-worker-#|process reaper|Attach Listener|Common-Cleaner|InnocuousThread-#"
            + "|boundedElastic-#|boundedElastic-evictor-#|parallel-#|single-#|HttpClient-#-Worker-#"
            + "|surefire-.*|Notification Thread|Signal Dispatcher|RMI .*|JMX .*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Counts now, after starting what the JVM starts once and keeps (the pollers and timers of virtual threads that
     * wait on sockets and sleep): take the baseline with this, or a leak check blames the test for the JVM's own.
     */
    public static ResourceBaseline afterWarmUp() {
        try (var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var accepted = executor.submit(() -> {
                try (Socket s = listener.accept()) {
                    return s.getInputStream().read();
                }
            });
            executor.submit(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                    Thread.sleep(1); // a timed wait of a virtual thread starts the JVM's delay scheduler
                    s.getOutputStream().write(1);
                }
                return null;
            }).get();
            accepted.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("warm-up failed", e);
        }
        return now();
    }

    /** Counts now, after a full GC. */
    public static ResourceBaseline now() {
        long heap = heapAfterGc();
        List<Long> processes = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).sorted().toList();
        Map<String, Integer> platform = new TreeMap<>();
        int virtual = 0;
        for (JsonNode t : threadDump()) {
            if (t.path("virtual").asBoolean(false)) {
                virtual++;
            } else {
                platform.merge(t.path("name").asText().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return new ResourceBaseline(processes, platform, virtual, openDescriptors(), heap);
    }

    /**
     * What grew since {@code before}, one line per resource, empty when nothing did: any new process, platform
     * thread (beyond the self-managed pools), virtual thread, socket, pipe or anon_inode descriptor, and heap beyond
     * {@code heapMarginBytes}. Regular files are not counted: class loading opens jars for good.
     */
    public List<String> leaksSince(ResourceBaseline before, long heapMarginBytes) {
        List<String> leaks = new ArrayList<>();
        List<Long> newProcesses = processes.stream().filter(p -> !before.processes.contains(p)).toList();
        if (!newProcesses.isEmpty()) {
            leaks.add("processes " + newProcesses.stream().map(p -> p + " " + ProcessHandle.of(p)
                    .flatMap(h -> h.info().commandLine()).orElse("?")).toList());
        }
        platformThreads.forEach((name, n) -> {
            int was = before.platformThreads.getOrDefault(name, 0);
            if (n > was && !SELF_MANAGED.matcher(name).matches()) {
                leaks.add("platform threads '" + name + "': " + was + " -> " + n);
            }
        });
        if (virtualThreads > before.virtualThreads) {
            leaks.add("virtual threads: " + before.virtualThreads + " -> " + virtualThreads);
        }
        for (String kind : List.of("socket", "pipe", "anon_inode")) {
            int was = before.descriptors.getOrDefault(kind, 0);
            int now = descriptors.getOrDefault(kind, 0);
            if (now > was) {
                leaks.add(kind + " descriptors: " + was + " -> " + now + (kind.equals("socket") ? " " + sockets() : ""));
            }
        }
        if (heapBytes > before.heapBytes + heapMarginBytes) {
            leaks.add("heap after GC: " + mb(before.heapBytes) + " -> " + mb(heapBytes) + " MB (margin "
                    + mb(heapMarginBytes) + " MB)");
        }
        return leaks;
    }

    /** One line of figures: processes, threads, descriptors, heap. */
    public String summary() {
        int platform = platformThreads.values().stream().mapToInt(Integer::intValue).sum();
        return "processes=" + processes.size() + " platformThreads=" + platform + " virtualThreads=" + virtualThreads
                + " fds=" + descriptors + " heapMB=" + mb(heapBytes);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        // Twice: the first GC may only queue what cleaners release (closed sockets); callers poll for the rest.
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<JsonNode> threadDump() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            Files.delete(dump); // the dump refuses to overwrite a file
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                List<JsonNode> threads = new ArrayList<>();
                JSON.readTree(dump.toFile()).path("threadDump").path("threadContainers")
                        .forEach(c -> c.path("threads").forEach(threads::add));
                return threads;
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This JVM's TCP sockets as {@code local -> remote (state)}, from /proc/net (which lists the whole network
     * namespace: only the sockets among this JVM's descriptors are kept): which socket a leak left open.
     */
    private static List<String> sockets() {
        Set<String> ours = new HashSet<>();
        descriptorLinks().stream().filter(l -> l.startsWith("socket:["))
                .forEach(l -> ours.add(l.substring(8, l.length() - 1)));
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            try {
                Files.readAllLines(Path.of(table)).stream().skip(1).map(l -> l.trim().split("\\s+"))
                        .filter(f -> ours.contains(f[9]))
                        .forEach(f -> out.add(port(f[1]) + "->" + port(f[2]) + " st" + f[3] + " inode " + f[9]));
            } catch (IOException | RuntimeException e) {
                out.add(table + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    private static Map<String, Integer> openDescriptors() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (String link : descriptorLinks()) {
            int colon = link.indexOf(':');
            kinds.merge(colon > 0 && !link.startsWith("/") ? link.substring(0, colon) : "file", 1, Integer::sum);
        }
        return kinds;
    }

    /** What each of this JVM's descriptors points to: a path, or {@code socket:[inode]}, {@code pipe:[inode]}... */
    private static List<String> descriptorLinks() {
        List<String> links = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    links.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    // closed while we looked (the listing's own descriptor among them)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return links;
    }
}
