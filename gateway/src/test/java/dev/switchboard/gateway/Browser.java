package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One headless Debian chromium, driven by playwright-core through src/test/node/browser.mjs: a test class opens one
 * for all its tests and sends it commands (open a page, click, fill, wait for a condition, read text). Playwright
 * uses the installed browser ({@link Chromium}) and is told never to download one.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NodeScript node;

    private Browser(NodeScript node) {
        this.node = node;
    }

    static Browser start() {
        Path chromium = Chromium.executable();
        Path modules = Path.of(System.getProperty("switchboard.playwright", "browser/node_modules"));
        if (!Files.isDirectory(modules.resolve("playwright-core"))) {
            throw new AssertionError("playwright-core is not installed in " + modules.toAbsolutePath() + ": the build"
                    + " installs it (gateway/browser/install.sh, from its lockfile) before the tests run");
        }
        return new Browser(NodeScript.start("browser.mjs", Map.of("PLAYWRIGHT_MODULES", modules.toAbsolutePath()
                .toString(), "CHROMIUM", chromium.toString(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Runs one command and returns its value; fails with the browser's message when it failed. */
    JsonNode run(String command, Object... fields) {
        ObjectNode line = JSON.createObjectNode().put("do", command);
        for (int i = 0; i < fields.length; i += 2) {
            line.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        node.answer(line.toString());
        try {
            JsonNode answer = node.next(Duration.ofSeconds(60));
            if (answer.has("error")) {
                throw new AssertionError(answer.path("error").asText());
            }
            return answer.path("ok");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new page (and context: no storage kept) in this colour scheme, at this address. */
    Browser open(String url, String colorScheme) {
        run("open", "colorScheme", colorScheme);
        run("goto", "url", url);
        return this;
    }

    Browser click(String selector) {
        run("click", "selector", selector);
        return this;
    }

    Browser fill(String selector, String value) {
        run("fill", "selector", selector, "value", value);
        return this;
    }

    Browser waitFor(String selector) {
        run("wait", "selector", selector);
        return this;
    }

    /** Waits until the function {@code script} (JavaScript source) returns a truthy value in the page. */
    Browser until(String script, Object arg) {
        run("waitFor", "script", script, "arg", arg);
        return this;
    }

    String attribute(String selector, String name) {
        return run("attribute", "selector", selector, "name", name).asText(null);
    }

    String text(String selector) {
        return run("text", "selector", selector).asText();
    }

    List<String> texts(String selector) {
        return JSON.convertValue(run("texts", "selector", selector), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    JsonNode evaluate(String script, Object arg) {
        return run("evaluate", "script", script, "arg", arg);
    }

    /** Fails when the page logged errors or a script of it failed since the last check. */
    void assertNoProblems() {
        assertThat(run("problems")).as("console errors and failed scripts of the page").isEmpty();
    }

    @Override
    public void close() {
        try {
            run("close");
            node.finish(Duration.ofSeconds(20));
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            node.close();
        }
    }
}
