package dev.switchboard.internal.upstream;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide safety net against leaked server processes: a shutdown hook, registered once, that force-kills the
 * process tree of every child still alive when the JVM exits (an application that never closed Switchboard, a
 * Ctrl-C, a test runner that exits). Without it such children outlive the JVM as orphans, and an {@code npx}
 * grandchild may keep running for good.
 */
final class ChildProcessShutdownHook {
    private static final Logger log = LoggerFactory.getLogger(ChildProcessShutdownHook.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(1);
    private static final Set<ChildProcessTree> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ChildProcessShutdownHook() {
    }

    /** Puts a tree under the hook's watch until {@link #release}d. */
    static void watch(ChildProcessTree tree) {
        if (INSTALLED.compareAndSet(false, true)) {
            Thread hook = Thread.ofPlatform().name("switchboard-child-reaper").unstarted(
                    ChildProcessShutdownHook::killAll);
            Runtime.getRuntime().addShutdownHook(hook);
        }
        LIVE.add(tree);
    }

    /** Takes a tree off the watch: its processes are gone or being ended by their owner. */
    static void release(ChildProcessTree tree) {
        LIVE.remove(tree);
    }

    private static void killAll() {
        List<ChildProcessTree> trees = List.copyOf(LIVE);
        if (trees.isEmpty()) {
            return;
        }
        // Always logged: the hook is shared by every instance, so no instance's logging section applies to it.
        LogGate.ALL.warn(log, LogEvents.UPSTREAM_STDIO_REAPING).addKeyValue("count", trees.size()).log();
        // Signal everything first, then wait once: the JVM's exit should not take count x wait.
        trees.forEach(tree -> tree.forceKill(Duration.ZERO));
        trees.forEach(tree -> tree.forceKill(KILL_WAIT));
    }
}
