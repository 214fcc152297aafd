package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintsUsageAndVersionTest {

    @Test
    void noSubcommandPrintsUsageOnStderrAndExits2() {
        Cli.Result r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: switchboard", "validate", "check", "tools", "call", "demo");
    }

    @Test
    void versionNamesTheRelease() {
        Cli.Result top = Cli.run("--version");
        Cli.Result sub = Cli.run("check", "--version");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).startsWith("switchboard 0.").contains("Java ");
        assertThat(sub.out()).isEqualTo(top.out());
    }

    @Test
    void subcommandHelpShowsTheGlobalOptions() {
        Cli.Result r = Cli.run("call", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--log-format", "--log-level", "--set=KEY=VALUE", "--args=JSON|@FILE",
                "--timeout=DURATION", "Exit codes:");
    }

    @Test
    void unknownSubcommandOrOptionExits2WithAHint() {
        Cli.Result unknown = Cli.run("chek", "x.yaml");
        Cli.Result badOption = Cli.run("check", "x.yaml", "--jsn");
        Cli.Result badLevel = Cli.run("check", "x.yaml", "--log-level", "loud");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Did you mean: switchboard check");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("Unknown option: '--jsn'", "Try 'switchboard check --help'");
        assertThat(badLevel.exitCode()).isEqualTo(2);
        assertThat(badLevel.err()).contains("--log-level");
    }
}
