package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless chromium against a gateway with three servers, one of which never connects: it
 * shows each server's state and the failing one's error, follows a killed stdio server's restart live (the page is
 * not reloaded), runs a tool through the form generated from its input schema, and shows resources, prompts and the
 * authority for an entity.
 */
class DashboardShowsServersLiveTest {
    private static Fixture fixture;
    private static Browser browser;
    private static String page;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(Dashboards.servers());
        browser = Browser.start();
        page = fixture.url().resolve("/").toString();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    @AfterEach
    void noScriptFailed() {
        browser.assertNoProblems();
    }

    @Test
    void showsEachServersStateAndWhyTheBrokenOneIsDown() {
        browser.open(page, "light").waitFor("#servers .card[data-server='broken']");
        browser.until("() => ['alpha', 'beta'].every(n => document.querySelector(`.card[data-server='${n}']`)"
                + "?.dataset.state === 'READY')", null);

        assertThat(browser.texts("#servers .card h2")).containsExactly("alpha", "beta", "broken");
        assertThat(browser.text(".card[data-server='broken'] [data-role='state']")).isNotEqualTo("READY");
        assertThat(browser.text(".card[data-server='broken'] [data-role='last-error']"))
                .as("the error code and message").contains("PROCESS");
        assertThat(browser.text(".card[data-server='alpha']")).contains("stdio", "Calls/min", "Error rate",
                "Breaker", "2 tools");
    }

    @Test
    void followsAKilledServersRestartWithoutReloading() {
        browser.open(page, "light").until("() => document.querySelector(\".card[data-server='beta']\")?.dataset.state"
                + " === 'READY'", null);
        // Every state the beta card shows from now on, and a mark that a reload would wipe out.
        browser.evaluate("() => { window.stillTheSamePage = true; window.betaStates = [];"
                + " const grid = document.getElementById('servers');"
                + " new MutationObserver(() => { const c = grid.querySelector(\"[data-server='beta']\");"
                + " if (c) window.betaStates.push(c.dataset.state); })"
                + ".observe(grid, {childList: true, subtree: true, attributes: true}); return true; }", null);

        Fixture.processOf(Dashboards.BETA).destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                fixture.switchboard.status("beta").state() == ServerState.READY
                        && fixture.switchboard.status("beta").health().restarts() > 0);

        browser.until("() => window.betaStates.some(s => s !== 'READY') && document.querySelector("
                + "\".card[data-server='beta']\").dataset.state === 'READY'", null);
        assertThat(browser.evaluate("() => window.stillTheSamePage === true", null).asBoolean()).isTrue();
        browser.click("#nav a[data-view='events']").waitFor("#timeline li[data-server='beta'][data-kind='state']");
        assertThat(browser.texts("#timeline li[data-server='beta']")).anySatisfy(t -> assertThat(t)
                .contains("READY →"));
    }

    @Test
    void runsAToolThroughTheFormGeneratedFromItsSchema() {
        browser.open(page + "#/tools/alpha__search", "light").waitFor("#try");
        assertThat(browser.evaluate("() => document.querySelector(\"#try [name='count']\").value", null).asText())
                .as("defaults are filled in").isEqualTo("3");

        browser.fill("#try [name='query']", "needle").fill("#try [name='ratio']", "0.5");
        browser.run("select", "selector", "#try select[name='mode']", "value", "fast");
        browser.run("check", "selector", "#try [name='verbose']");
        browser.click("#try button:has-text('Add tags item')").fill("#try [name='tags[1]']", "b");
        browser.fill("#try [name='limit']", "7");
        browser.click("#try button[type='submit']").waitFor("[data-role='result']");

        String result = browser.text("[data-role='result']");
        assertThat(result).contains("server alpha", " ms", "\"query\":\"needle\"", "\"count\":3", "\"ratio\":0.5",
                "\"mode\":\"fast\"", "\"verbose\":true", "\"tags\":[\"a\",\"b\"]", "\"limit\":7", "\"owner\":\"ada\"");
    }

    @Test
    void readsAResourceGetsAPromptAndResolvesAnEntity() {
        browser.open(page + "#/resources", "light").click("#resources button:has-text('notes')")
                .waitFor("#resource pre");
        assertThat(browser.text("#resource")).contains("remember the milk", "alpha");

        browser.click("#nav a[data-view='prompts']").click("#prompts summary:has-text('greet')")
                .fill("#prompts input[name='who']", "Ada").click("#prompts button[type='submit']")
                .waitFor("#prompts .message");
        assertThat(browser.text("#prompts .message")).contains("user", "Hello Ada!");

        browser.click("#nav a[data-view='resolve']").fill("#main input[name='entity']", "notes")
                .click("#main form button[type='submit']").waitFor("#resolution .winner");
        assertThat(browser.text("#resolution .winner")).contains("Authority: alpha", "mem://notes");
    }
}
