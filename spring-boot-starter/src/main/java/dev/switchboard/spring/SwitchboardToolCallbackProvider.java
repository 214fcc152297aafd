package dev.switchboard.spring;

import dev.switchboard.CatalogEntry;
import dev.switchboard.Switchboard;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * The tools of a Switchboard as Spring AI {@link ToolCallback}s: every tool of the catalog whose server is
 * connected, read from the live catalog on each {@link #getToolCallbacks()}, so that servers that connect, drop,
 * are disabled or reloaded change the tools offered to the next chat request without a restart.
 */
public final class SwitchboardToolCallbackProvider implements ToolCallbackProvider {
    private final Switchboard switchboard;
    private final Predicate<CatalogEntry> filter;

    /** Every available tool of {@code switchboard}. */
    public SwitchboardToolCallbackProvider(Switchboard switchboard) {
        this(switchboard, entry -> true);
    }

    /** The available tools of {@code switchboard} that {@code filter} accepts (e.g. by server). */
    public SwitchboardToolCallbackProvider(Switchboard switchboard, Predicate<CatalogEntry> filter) {
        this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public ToolCallback[] getToolCallbacks() {
        // A tool whose server is down is left out: offering it would only have the model call something that fails.
        return switchboard.catalog().stream().filter(CatalogEntry::available).filter(filter)
                .map(entry -> new SwitchboardToolCallback(switchboard, entry)).toArray(ToolCallback[]::new);
    }
}
