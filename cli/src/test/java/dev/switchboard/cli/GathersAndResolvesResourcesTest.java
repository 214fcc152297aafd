package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resources}, {@code resolve} and {@code validate --connect} over two fake servers sharing a domain. */
class GathersAndResolvesResourcesTest {
    @TempDir
    Path dir;

    private Path config(boolean withBroken) {
        Map<String, Object> servers = new LinkedHashMap<>();
        Map<String, Object> warehouse = Configs.stdio(FakeMcpServer.builder().name("warehouse")
                .resource(FakeResource.text("db://warehouse/customers", "customers", "text/plain", "c1,c2"))
                .resource(FakeResource.text("db://warehouse/orders", "orders", "text/plain", "o1")).build());
        warehouse.put("priority", 20);
        warehouse.put("domains", List.of("sales"));
        Map<String, Object> crm = Configs.stdio(FakeMcpServer.builder().name("crm")
                .resource(FakeResource.text("crm://Customers", "Customers", "text/plain", "from crm")).build());
        crm.put("priority", 10);
        crm.put("domains", List.of("sales", "support"));
        servers.put("warehouse", warehouse);
        servers.put("crm", crm);
        if (withBroken) {
            servers.put("broken", Configs.missingCommand(false));
        }
        return Configs.write(dir, servers);
    }

    @Test
    void resourcesSummarisesEveryServerByPriority() {
        Cli.Result r = Cli.run("resources", config(false).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("SERVER +PRIORITY +RESOURCES +BYTES +TIME");
        assertThat(lines.get(1)).matches("crm +10 +1 +8 .*");
        assertThat(lines.get(2)).matches("warehouse +20 +2 +7 .*");
        assertThat(r.out()).contains("3 resources, 15 bytes from 2 servers");
    }

    @Test
    void bestEffortListsTheFailedServerAndExits1() throws Exception {
        Cli.Result r = Cli.run("resources", config(true).toString(), "--best-effort", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("servers")).hasSize(2);
        assertThat(doc.get("failures").get(0).get("server").asText()).isEqualTo("broken");
        assertThat(r.err()).contains("broken");
    }

    @Test
    void resolvePicksTheHighestPriorityServerAndListsTheOthers() {
        Cli.Result r = Cli.run("resolve", config(false).toString(), "customers", "--domain", "sales");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("winner: warehouse (priority 20)  customers  db://warehouse/customers  exact")
                .contains("other candidates:\n  crm (priority 10)  Customers  crm://Customers  case-insensitive");
    }

    @Test
    void resolveWithNoMatchExits1() {
        Cli.Result r = Cli.run("resolve", config(false).toString(), "invoices", "--domain", "support");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("nothing matches 'invoices' in domain 'support'");
    }

    @Test
    void validateWithConnectReportsEveryServer() {
        Cli.Result r = Cli.run("validate", config(false).toString(), "--connect");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("valid - 2 servers").containsPattern("crm +READY")
                .containsPattern("warehouse +READY");
    }
}
