package dev.switchboard.internal.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process and the descendants seen so far, terminated together.
 *
 * <p>Descendants must be collected while their parent still lives: once it dies they are re-parented (to init or a
 * subreaper) and no longer show up as its descendants. So callers {@linkplain #snapshot() snapshot} before each step
 * that may end the parent, and the tree remembers every process it ever saw.
 */
final class ChildProcessTree {
    private final ProcessHandle root;
    // Concurrent: the JVM shutdown hook may kill the tree while a close() is doing the same.
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();

    ChildProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Records the root's current descendants (children, grandchildren, ...). */
    void snapshot() {
        root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
    }

    /** Every process of the tree that is still alive, root first. */
    List<ProcessHandle> alive() {
        List<ProcessHandle> out = new ArrayList<>();
        if (!isDead(root)) {
            out.add(root);
        }
        seen.values().stream().filter(h -> !isDead(h)).forEach(out::add);
        return out;
    }

    /**
     * Ends every live process of the tree: SIGTERM, then after {@code termWait} SIGKILL for the rest, then waits up
     * to {@code killWait} for them to be gone.
     *
     * @return whether nothing of the tree is alive afterwards
     */
    boolean terminate(Duration termWait, Duration killWait) {
        if (!isDead(root)) {
            snapshot();
        }
        List<ProcessHandle> targets = alive();
        if (targets.isEmpty()) {
            return true;
        }
        targets.forEach(ProcessHandle::destroy);
        if (awaitGone(targets, termWait)) {
            return true;
        }
        return forceKill(killWait);
    }

    /** SIGKILL for every live process of the tree, waiting up to {@code wait} for them to be gone. */
    boolean forceKill(Duration wait) {
        if (!isDead(root)) {
            snapshot();
        }
        List<ProcessHandle> targets = alive();
        targets.forEach(ProcessHandle::destroyForcibly);
        return awaitGone(targets, wait);
    }

    /** Waits up to {@code wait} for all {@code handles} to exit; bounded, never polls. */
    static boolean awaitGone(List<ProcessHandle> handles, Duration wait) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return handles.stream().allMatch(ChildProcessTree::isDead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return handles.stream().allMatch(ChildProcessTree::isDead);
        }
    }

    /**
     * Whether the process has ended. A killed orphan stays a zombie until init reaps it, and
     * {@link ProcessHandle#isAlive()} reports zombies as alive; but a zombie runs nothing and holds nothing, and
     * reaping it is init's job, so here it counts as dead.
     */
    static boolean isDead(ProcessHandle handle) {
        return !handle.isAlive() || isZombie(handle.pid());
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'.
            int close = text.lastIndexOf(')');
            return close > 0 && close + 2 < text.length() && text.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or already gone (then isAlive() said so)
        }
    }
}
