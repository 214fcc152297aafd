package dev.switchboard.agent;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;

/** Two servers that both list "customers": the CRM (the authority) and an old archive copy. */
final class Scenarios {
    static final String CRM_CUSTOMERS = "ACME: 3 open orders (CRM, current)";
    static final String ARCHIVE_CUSTOMERS = "ACME: 1 open order (archive copy of 2019)";

    private Scenarios() {
    }

    static Scenario crm() {
        return FakeMcpServer.builder().name("crm")
                .resource(FakeResource.text("crm://customers", "customers", "text/plain", CRM_CUSTOMERS))
                .tool(FakeTool.echo("lookup_orders")).build();
    }

    static Scenario archive() {
        return FakeMcpServer.builder().name("archive")
                .resource(FakeResource.text("archive://customers", "customers", "text/plain", ARCHIVE_CUSTOMERS))
                .tool(FakeTool.echo("lookup_orders")).build();
    }
}
