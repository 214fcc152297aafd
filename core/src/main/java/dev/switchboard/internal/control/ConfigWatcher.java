package dev.switchboard.internal.control;

import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when a configuration file is written, created or moved into place (editors often save by renaming a
 * temporary file over it), from a virtual thread named {@code switchboard-config-watch}. The directory is watched,
 * not the file, so that a replaced file is still seen.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final WatchService watcher;
    private final Runnable onChange;
    private final LogGate gate;
    private final Thread thread;

    private ConfigWatcher(Path file, WatchService watcher, Runnable onChange, LogGate gate) {
        this.file = file;
        this.watcher = watcher;
        this.onChange = onChange;
        this.gate = gate;
        this.thread = Thread.ofVirtual().name("switchboard-config-watch").start(this::loop);
    }

    /** Starts watching {@code file}; {@code onChange} runs on the watcher's thread, one change at a time. */
    public static ConfigWatcher start(Path file, LogGate gate, Runnable onChange) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        WatchService ws = FileSystems.getDefault().newWatchService();
        try {
            absolute.getParent().register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw e;
        }
        return new ConfigWatcher(absolute, ws, onChange, gate);
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            boolean ours = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                ours |= event.context() instanceof Path p && p.equals(file.getFileName());
            }
            key.reset();
            if (ours) {
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    gate.warn(log, LogEvents.CONFIG_RELOAD_FAILED).addKeyValue("file", file.toString())
                            .addKeyValue("message", e.getMessage()).log();
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            gate.debug(log, LogEvents.CONFIG_WATCH_CLOSE_FAILED).setCause(e).log();
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
