package dev.switchboard.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.switchboard.config.Secrets;
import java.io.PrintWriter;

/**
 * Logback's first configuration when the CLI is on the class path (found through {@code META-INF/services}):
 * WARN and above to stderr, scrubbed, so nothing is ever logged to stdout, not even before a command sets up
 * its own logging. An explicit {@code -Dlogback.configurationFile} is left to Logback.
 */
public final class DefaultLogbackConfigurator extends ContextAwareBase implements Configurator {

    /** Called by Logback's service loader. */
    public DefaultLogbackConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.configure(context, new PrintWriter(System.err, true), Logging.Settings.DEFAULT, Secrets.NONE);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
