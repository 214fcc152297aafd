package dev.switchboard.spring;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.RunningFakeServer;
import dev.switchboard.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the starter's tests share: a context runner with the starter's auto-configurations, and server properties. */
final class StarterFixtures {
    private StarterFixtures() {
    }

    /** A runner with every auto-configuration of the starter (the imports file is checked on its own). */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                SwitchboardAutoConfiguration.class, SwitchboardHealthAutoConfiguration.class,
                SwitchboardMetricsAutoConfiguration.class, SwitchboardToolsAutoConfiguration.class));
    }

    /** The properties of a stdio server running {@code scenario} in a child JVM, its arguments as a list. */
    static String[] stdio(String name, Scenario scenario, String... extra) {
        return command(name, FakeMcpServer.stdioCommand(scenario), extra);
    }

    /** The properties of a stdio server started by {@code command}. */
    static String[] command(String name, List<String> command, String... extra) {
        String prefix = "switchboard.servers." + name + ".";
        List<String> properties = new ArrayList<>();
        properties.add(prefix + "command=" + command.get(0));
        for (int i = 1; i < command.size(); i++) {
            properties.add(prefix + "args[" + (i - 1) + "]=" + command.get(i));
        }
        properties.add(prefix + "shutdown_grace=500ms");
        for (String e : extra) {
            properties.add(prefix + e);
        }
        return properties.toArray(String[]::new);
    }

    /** The properties of a Streamable HTTP server. */
    static String[] http(String name, RunningFakeServer server, String... extra) {
        String prefix = "switchboard.servers." + name + ".";
        List<String> properties = new ArrayList<>();
        properties.add(prefix + "url=" + server.url());
        for (String e : extra) {
            properties.add(prefix + e);
        }
        return properties.toArray(String[]::new);
    }
}
