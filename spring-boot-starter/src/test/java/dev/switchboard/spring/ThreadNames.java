package dev.switchboard.spring;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The names of every live thread, virtual ones included (which Thread.getAllStackTraces leaves out). */
final class ThreadNames {
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

    private ThreadNames() {
    }

    static List<String> now() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            Files.delete(dump); // the dump refuses to overwrite a file
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return NAME.matcher(Files.readString(dump)).results().map(r -> r.group(1)).toList();
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
