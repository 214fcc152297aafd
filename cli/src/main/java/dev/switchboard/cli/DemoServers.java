package dev.switchboard.cli;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's servers: fake MCP servers (switchboard-testing) run as stdio child JVMs, described as a configuration
 * in Switchboard's own format, so that the demo goes through the same loader (and {@code --set}) as a real file.
 */
final class DemoServers {
    static final String SOURCE = "demo.json";

    private DemoServers() {
    }

    static Scenario catalog() {
        return FakeMcpServer.builder().name("demo-catalog").version("1.4.2")
                .tool(FakeTool.text("find_product", "A-100  Espresso machine  249.00 EUR  12 in stock")
                        .withDescription("Looks up a product by SKU.\nReturns name, price and stock.").readOnly())
                .tool(FakeTool.echo("echo").withDescription("Returns its arguments as JSON text."))
                .resource(FakeResource.text("catalog://products/A-100", "A-100", "application/json",
                        "{\"sku\":\"A-100\",\"name\":\"Espresso machine\"}"))
                .resource(FakeResource.text("catalog://categories", "categories", "text/plain", "coffee\ntea"))
                .prompt(FakePrompt.of("describe_product", "Write a product description", List.of("sku"),
                        "Describe product {{sku}} for the web shop."))
                .build();
    }

    static Scenario orders() {
        return FakeMcpServer.builder().name("demo-orders").version("0.9.0")
                .tool(FakeTool.text("order_status", "Order 1001: shipped 2 days ago")
                        .withDescription("Tells where an order is."))
                .tool(FakeTool.error("cancel_order", "Order 1001 has already shipped and cannot be cancelled.")
                        .withDescription("Cancels an order that has not shipped yet."))
                .build();
    }

    /** The configuration, as JSON text in Switchboard's format. */
    static String configJson() {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("catalog", server(catalog(), "Product catalog (fake server, stdio)", true));
        servers.put("orders", server(orders(), "Order service (fake server, stdio)", true));
        Map<String, Object> archive = server(orders(), "Old order archive, switched off", false);
        archive.put("enabled", false);
        servers.put("archive", archive);
        return Json.write(Map.of("servers", servers));
    }

    private static Map<String, Object> server(Scenario scenario, String description, boolean required) {
        List<String> command = FakeMcpServer.stdioCommand(scenario);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("description", description);
        server.put("command", command.get(0));
        server.put("args", command.subList(1, command.size()));
        server.put("required", required);
        return server;
    }
}
