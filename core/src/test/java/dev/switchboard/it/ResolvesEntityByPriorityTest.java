package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.MatchKind;
import dev.switchboard.Resolution;
import dev.switchboard.ResolutionCandidate;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ResourcePolicy;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three servers know overlapping entities: crm (priority 10, sales), erp (priority 20, sales) and people
 * (priority 5, hr). The authority is chosen by how the resource matched, then by priority, within the domain.
 */
class ResolvesEntityByPriorityTest {
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        var crm = ScriptedResourceServer.named("crm").entities("customers", "Orders", "invoice")
                .options(ResourceFixtures.options(10, "sales"));
        var erp = ScriptedResourceServer.named("erp").entities("customers", "invoices")
                .options(ResourceFixtures.options(20, "Sales"));
        var people = ScriptedResourceServer.named("people").entities("customers", "employees")
                .options(ResourceFixtures.options(5, "hr"));
        sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.builder().fuzzyThreshold(0.9).build(),
                List.of(crm.config(), erp.config(), people.config())));
    }

    @AfterAll
    static void stop() {
        sb.close();
    }

    @Test
    void anExactMatchOnTheHigherPriorityServerWinsAndTheConflictIsLogged() {
        try (var events = new ResourceFixtures.Events()) {
            Resolution r = sb.resolve("customers", "sales");

            ResolutionCandidate w = r.winner().orElseThrow();
            assertThat(w.server()).isEqualTo("crm");
            assertThat(w.priority()).isEqualTo(10);
            assertThat(w.match()).isEqualTo(MatchKind.EXACT);
            assertThat(w.score()).isEqualTo(1.0);
            assertThat(w.resource().uri()).isEqualTo("rs://crm/customers");
            assertThat(w.qualifiedUri()).isEqualTo("crm+rs://crm/customers");
            assertThat(r.others()).extracting(ResolutionCandidate::server).containsExactly("erp");
            ILoggingEvent conflict = events.named("resolve.conflict").get(0);
            assertThat(ResourceFixtures.Events.field(conflict, "winner")).contains("crm", "rs://crm/customers");
            assertThat(ResourceFixtures.Events.field(conflict, "losers")).contains("erp", "rs://erp/customers");
        }
    }

    @Test
    void theDomainChoosesTheServersAsked() {
        assertThat(sb.resolve("customers", "hr").winner().orElseThrow().server()).isEqualTo("people");
        assertThat(sb.resolve("customers", "hr").others()).isEmpty();
        assertThat(sb.resolve("customers").winner().orElseThrow().server()).as("all servers: priority 5 wins")
                .isEqualTo("people");
        assertThat(sb.resolve("employees", "sales").found()).isFalse();
    }

    @Test
    void caseInsensitiveWhenNoExactMatch() {
        ResolutionCandidate w = sb.resolve("orders", "sales").winner().orElseThrow();

        assertThat(w.server()).isEqualTo("crm");
        assertThat(w.match()).isEqualTo(MatchKind.CASE_INSENSITIVE);
    }

    @Test
    void anExactMatchBeatsAFuzzyOneOnAHigherPriorityServer() {
        Resolution r = sb.resolve("invoices", "sales");

        assertThat(r.winner().orElseThrow().server()).isEqualTo("erp");
        assertThat(r.winner().get().match()).isEqualTo(MatchKind.EXACT);
        assertThat(r.others()).singleElement().satisfies(c -> {
            assertThat(c.server()).isEqualTo("crm");
            assertThat(c.match()).isEqualTo(MatchKind.FUZZY);
        });
    }

    @Test
    void amongFuzzyMatchesPriorityWins() {
        Resolution r = sb.resolve("invoic", "sales");

        assertThat(r.candidates()).extracting(ResolutionCandidate::server, ResolutionCandidate::match)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("crm", MatchKind.FUZZY),
                        org.assertj.core.groups.Tuple.tuple("erp", MatchKind.FUZZY));
        assertThat(r.winner().get().score()).isBetween(0.9, 1.0);
    }

    @Test
    void nothingSimilarEnoughIsNoMatch() {
        try (var events = new ResourceFixtures.Events()) {
            Resolution r = sb.resolve("warehouses", "sales");

            assertThat(r.found()).isFalse();
            assertThat(r.winner()).isEmpty();
            assertThat(r.failures()).isEmpty();
            assertThat(events.named("resolve.no_match")).hasSize(1);
        }
        assertThat(sb.resolve("customers", "no-such-domain").found()).isFalse();
    }
}
