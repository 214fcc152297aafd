package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard behind tokens, in a real headless chromium: without a token or with a wrong one it shows nothing but
 * the token form (the gateway refused it); a right token opens it, is kept for the tab only and never shown; the
 * controls appear only for a token that may use them, and ask for confirmation before they act.
 */
class DashboardAsksForATokenTest {
    private static Guarded gateway;
    private static Browser browser;
    private static String page;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
        browser = Browser.start();
        page = gateway.url().resolve("/").toString();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        gateway.close();
    }

    @AfterEach
    void noScriptFailed() {
        browser.assertNoProblems();
    }

    private void signIn(String token) {
        browser.fill("#token", token).click("#login button[type='submit']");
    }

    @Test
    void aMissingOrWrongTokenIsRefusedAndARightOneOpensTheDashboard() {
        browser.open(page, "light").waitFor("#login");
        assertThat(browser.run("count", "selector", ".card").asInt()).as("nothing shown without a token").isZero();

        signIn("sbt_not_a_real_token");
        browser.waitFor("#login-error");
        assertThat(browser.text("#login-error")).contains("401");
        assertThat(browser.run("count", "selector", ".card").asInt()).isZero();

        signIn(Guarded.ADMIN.token());
        browser.waitFor("#servers .card[data-server='docs']");
        assertThat(browser.texts("#servers .card h2")).containsExactly("github", "docs");
        assertThat(browser.evaluate("() => sessionStorage.getItem('switchboard.token')", null).asText())
                .isEqualTo(Guarded.ADMIN.token());
        assertThat(browser.evaluate("() => localStorage.length", null).asInt()).as("kept for the tab only").isZero();
        assertThat(browser.evaluate("() => document.documentElement.outerHTML", null).asText())
                .as("the token is never rendered").doesNotContain(Guarded.ADMIN.token());
    }

    @Test
    void controlsAreOfferedOnlyToATokenThatMayUseThemAndAskFirst() {
        browser.open(page, "light").waitFor("#login");
        signIn(Guarded.GITHUB_ONLY.token());
        browser.waitFor("#servers .card[data-server='github']");
        assertThat(browser.texts("#servers .card h2")).as("only the servers it may see").containsExactly("github");
        assertThat(browser.run("count", "selector", ".card .actions button").asInt()).isZero();

        browser.click("#forget").waitFor("#login");
        signIn(Guarded.ADMIN.token());
        browser.waitFor(".card[data-server='docs'] .actions button");
        browser.click(".card[data-server='docs'] .actions button:has-text('Disable')").waitFor("#confirm[open]");
        browser.click("#confirm button[value='cancel']");
        assertThat(browser.attribute(".card[data-server='docs']", "data-state")).as("cancelled: nothing happened")
                .isEqualTo("READY");

        browser.click(".card[data-server='docs'] .actions button:has-text('Disable')").waitFor("#confirm[open]");
        browser.click("#confirm button[value='ok']");
        browser.until("() => document.querySelector(\".card[data-server='docs']\").dataset.state === 'DISABLED'",
                null);
        browser.click(".card[data-server='docs'] .actions button:has-text('Enable')").waitFor("#confirm[open]");
        browser.click("#confirm button[value='ok']");
        browser.until("() => document.querySelector(\".card[data-server='docs']\").dataset.state === 'READY'", null);
    }
}
