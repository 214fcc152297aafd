package dev.switchboard.agent;

import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The switchboard.yaml of the tests: crm (priority 10, domain sales) and archive (priority 50, domain archive). */
final class Config {
    private Config() {
    }

    static Path crmAndArchive(Path dir, RunningFakeServer crm, RunningFakeServer archive) {
        String yaml = """
                servers:
                  crm:
                    url: %s
                    priority: 10
                    domains: [sales]
                  archive:
                    url: %s
                    priority: 50
                    domains: [archive]
                """.formatted(crm.url(), archive.url());
        try {
            return Files.writeString(dir.resolve("switchboard.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
