package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.config.ServerOptions;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.testing.FakeMcpServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The secrets a Switchboard masks are those of its own configuration in force: another instance does not mask
 * them, and after a reload a rotated secret is forgotten while the new one is masked.
 */
class KeepsSecretsPerInstanceTest {
    private static final String OLD = "rotated-away-secret-1f2e";
    private static final String NEW = "current-secret-7a9b";

    /** A server that fails at start, saying {@code said} on stderr, which goes into its error message. */
    private static SwitchboardConfig failing(String said, String... secrets) {
        var scenario = FakeMcpServer.builder().name("talker").exitOnStart(3, said).build();
        var server = Stdio.server("talker", FakeMcpServer.stdioCommand(scenario));
        server = server.withOptions(server.options().toBuilder().retry(Stdio.ONE_ATTEMPT).build());
        var builder = SwitchboardConfig.builder().servers(List.of(server));
        for (String s : secrets) {
            builder.secret(s);
        }
        return builder.build();
    }

    private static String lastError(Switchboard sb) {
        return sb.status("talker").lastError().message();
    }

    @Test
    void anotherInstanceDoesNotMaskThem() {
        try (var masking = Switchboard.builder(failing("auth failed with " + OLD, OLD)).sleeper(new RecordingSleeper(0))
                .start();
                var plain = Switchboard.builder(failing("auth failed with " + OLD)).sleeper(new RecordingSleeper(0))
                        .start()) {
            assertThat(lastError(masking)).contains("auth failed with ***").doesNotContain(OLD);
            assertThat(lastError(plain)).contains("auth failed with " + OLD);
        }
    }

    @Test
    void aReloadForgetsTheRotatedSecretAndMasksTheNewOne() {
        try (var sb = Switchboard.builder(failing("token " + OLD, OLD)).sleeper(new RecordingSleeper(0)).start()) {
            assertThat(lastError(sb)).contains("token ***");

            sb.reload(failing("token " + OLD + " then " + NEW, NEW));

            assertThat(lastError(sb)).contains("token " + OLD + " then ***").doesNotContain(NEW);
        }
    }

    @Test
    void plainValuesOfAnyLengthAreNotMasked() {
        var scenario = FakeMcpServer.builder().name("talker").exitOnStart(3, "mode production for talker-eu-west")
                .build();
        var server = Stdio.server("talker", FakeMcpServer.stdioCommand(scenario),
                Map.of("NODE_ENV", "production", "REGION", "talker-eu-west"));
        var config = SwitchboardConfig.of(List.of(server.withOptions(ServerOptions.builder()
                .retry(Stdio.ONE_ATTEMPT).build())));
        try (var sb = Switchboard.builder(config).sleeper(new RecordingSleeper(0)).start()) {
            assertThat(lastError(sb)).contains("mode production for talker-eu-west");
        }
    }
}
