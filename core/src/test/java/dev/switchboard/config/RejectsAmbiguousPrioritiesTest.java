package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectsAmbiguousPrioritiesTest {

    @Test
    void rejectsPrioritiesOutsideTheRangeOrNotWhole() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, priority: 0}
                  b: {command: x, priority: high}
                  c: {command: x, priority: 1.5}
                """)).containsExactly(
                "servers.a.priority: 0 is out of range (expected: a whole number from 1 to 999; lower wins)",
                "servers.b.priority: \"high\" is not a whole number (expected: a whole number from 1 to 999; lower"
                        + " wins)",
                "servers.c.priority: 1.5 is not a whole number (expected: a whole number from 1 to 999; lower wins)");
    }

    @Test
    void rejectsSamePriorityForASharedDomain() {
        assertThat(Configs.problems("""
                servers:
                  crm: {command: x, priority: 10, domains: [customers, Orders]}
                  erp: {command: x, priority: 10, domains: [orders, invoices]}
                """)).containsExactly("servers.erp.priority: 10 is also the priority of server crm, and both serve"
                + " domain Orders (expected: different priorities, so that one of them wins for domain Orders)");
    }

    @Test
    void acceptsSamePriorityWithoutSharedDomainOrWhenOneIsDisabled() {
        assertThat(Configs.yaml("""
                servers:
                  a: {command: x, priority: 10, domains: [sales]}
                  b: {command: x, priority: 10, domains: [hr]}
                  c: {command: x, priority: 10, domains: [sales], enabled: false}
                  d: {command: x, priority: 11, domains: [sales]}
                """).servers()).hasSize(4);
    }

    @Test
    void reportsTheClashEvenWhenAServerHasOtherProblems() {
        assertThat(Configs.problems("""
                servers:
                  a: {url: "ftp://a.example.com", priority: 5, domains: [sales]}
                  b: {command: x, priority: 5, domains: [sales]}
                """)).containsExactly(
                "servers.a.url: ftp://a.example.com is not an http(s) URL (expected: an http:// or https:// URL,"
                        + " e.g. https://host/mcp)",
                "servers.b.priority: 5 is also the priority of server a, and both serve domain sales (expected:"
                        + " different priorities, so that one of them wins for domain sales)");
    }
}
