package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunsDemoTest {

    @Test
    void demoNeedsNoSetupShowsTheReportAndASampleCallAndExits0() {
        Cli.Result r = Cli.run("demo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("catalog +READY +stdio, required")
                .containsPattern("orders +READY +stdio, required")
                .containsPattern("archive +DISABLED +stdio")
                .contains("OK: 2 of 3 servers ready, 1 disabled")
                .containsPattern("catalog +find_product +Looks up a product by SKU\\.")
                .contains("A-100  Espresso machine  249.00 EUR  12 in stock")
                .contains("isError: true", "Order 1001 has already shipped and cannot be cancelled.")
                .containsPattern("The gateway listens on http://127\\.0\\.0\\.1:\\d+/mcp")
                .contains("catalog__echo, catalog__find_product, orders__cancel_order, orders__order_status")
                .containsPattern("got:\nA-100  Espresso machine  249.00 EUR  12 in stock")
                .contains("every connection closed");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void setChangesTheDemoConfiguration() {
        Cli.Result r = Cli.run("demo", "--set", "servers.archive.enabled=true");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("archive +READY").contains("OK: 3 of 3 servers ready");
    }
}
