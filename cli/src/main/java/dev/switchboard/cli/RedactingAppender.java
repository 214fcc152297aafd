package dev.switchboard.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import dev.switchboard.config.Secrets;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes each encoded log line to the command's stderr with the configuration's {@link Secrets} masked: the last
 * line of defence, so that a secret never reaches a log line, whoever logged it and however.
 *
 * <p>It writes to the same writer as the command's own messages, so the two interleave in order, and it never
 * closes that writer (Logback stops appenders on every reconfiguration).
 */
final class RedactingAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter target;
    private final Encoder<ILoggingEvent> encoder;
    private final Secrets secrets;

    RedactingAppender(PrintWriter target, Encoder<ILoggingEvent> encoder, Secrets secrets) {
        this.target = target;
        this.encoder = encoder;
        this.secrets = secrets;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = secrets.mask(new String(encoder.encode(event), StandardCharsets.UTF_8));
        Progress.aroundLog(() -> {
            target.print(line);
            target.flush();
        });
    }

    @Override
    public void stop() {
        super.stop();
        encoder.stop();
    }
}
