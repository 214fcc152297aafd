package dev.switchboard.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.switchboard.CallOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ToolFilter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A LangChain4j {@link ToolProvider} that offers the tools of a {@link Switchboard}'s catalog to an AI service.
 *
 * <p>Each call of {@link #provideTools} reads the live catalog: every tool of a server that is connected now (and
 * that the filters let through) is offered under its catalog name ({@code <server>__<tool>}, unique even when
 * several servers offer a tool of the same name; see {@link ToolNaming} for bare names), with its input schema
 * mapped to LangChain4j's JSON schema elements (see docs/integrations.md for what cannot be mapped as it is). Tools
 * of servers that are down are left out until they are back; the others are offered as usual, so one failing server
 * never hides the rest.
 *
 * <p>A tool runs through {@link Switchboard#call(dev.switchboard.ToolCall, CallOptions)}: the server's deadline,
 * circuit breaker, retries and argument validation apply. Whatever happens, the model gets a result it can read: the
 * tool's answer, the tool's own error, or why Switchboard could not run it (unknown tool, server down, timeout,
 * ...), each naming the server and the tool. Nothing is thrown into the AI service.
 *
 * {@snippet :
 * ToolProvider tools = SwitchboardToolProvider.builder(switchboard)
 *         .servers("github", "jira")
 *         .excludeTools("delete_*")
 *         .timeout(Duration.ofSeconds(20))
 *         .build();
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).toolProvider(tools).build();
 * }
 */
public final class SwitchboardToolProvider implements ToolProvider {
    /**
     * The {@link dev.langchain4j.service.tool.ToolExecutionResult#attributes() attribute} of a failed execution
     * that holds its {@link dev.switchboard.ErrorCode} name ({@code TOOL_ERROR} for the tool's own error); the model
     * never sees attributes, an application reporting the calls does.
     */
    public static final String ERROR_CODE_ATTRIBUTE = "switchboard.error_code";

    private final Switchboard switchboard;
    private final Predicate<CatalogEntry> filter;
    private final CallOptions options;
    private final boolean dynamic;
    private final ToolNaming naming;
    // Mapped schemas by catalog entry (records, equal while nothing about the tool changed): a catalog read on every
    // AI service call does not map every schema again. Entries that left the catalog are dropped.
    private final Map<CatalogEntry, ToolSpecification> specifications = new ConcurrentHashMap<>();

    private SwitchboardToolProvider(Builder b) {
        this.switchboard = b.switchboard;
        this.filter = b.filter;
        CallOptions base = CallOptions.DEFAULT.withWaitForReady(b.waitForReady);
        this.options = b.timeout == null ? base : base.withTimeout(b.timeout);
        this.dynamic = b.dynamic;
        this.naming = b.naming;
    }

    /** A provider of every ready tool of {@code switchboard}, with each server's own timeouts. */
    public static SwitchboardToolProvider of(Switchboard switchboard) {
        return builder(switchboard).build();
    }

    /** Options for a provider over {@code switchboard}: which servers and tools, and the calls' timeout. */
    public static Builder builder(Switchboard switchboard) {
        return new Builder(switchboard);
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult.Builder result = ToolProviderResult.builder();
        offered().forEach((entry, spec) -> result.add(spec, new CatalogToolExecutor(switchboard, entry, options)));
        return result.build();
    }

    /** The tools {@link #provideTools} offers now, as the model will see them. */
    public List<ToolSpecification> toolSpecifications() {
        return List.copyOf(offered().values());
    }

    /**
     * Whether LangChain4j asks again before each model call of one AI service call (see {@link Builder#dynamic}),
     * so that tools of a server that connects meanwhile are offered at once.
     */
    @Override
    public boolean isDynamic() {
        return dynamic;
    }

    /** The tools to offer now, in catalog order, each with what the model is told about it. */
    private Map<CatalogEntry, ToolSpecification> offered() {
        List<CatalogEntry> catalog = switchboard.catalog();
        Map<CatalogEntry, String> names = naming.names(catalog);
        Map<CatalogEntry, ToolSpecification> offered = new LinkedHashMap<>();
        for (CatalogEntry entry : catalog) {
            if (entry.available() && filter.test(entry)) {
                ToolSpecification spec = specifications.computeIfAbsent(entry, SwitchboardToolProvider::map);
                String name = names.get(entry);
                offered.put(entry, name.equals(spec.name()) ? spec : spec.toBuilder().name(name).build());
            }
        }
        specifications.keySet().retainAll(offered.keySet());
        return offered;
    }

    private static ToolSpecification map(CatalogEntry entry) {
        var tool = entry.definition();
        String description = tool.description() != null ? tool.description() : tool.title();
        return ToolSpecification.builder()
                .name(entry.qualifiedName())
                .description(description)
                .parameters(InputSchemas.parameters(tool.inputSchema()))
                .addMetadata("switchboard.server", entry.server())
                .addMetadata("switchboard.tool", entry.tool())
                .build();
    }

    /** Options for a {@link SwitchboardToolProvider}; filters combine: a tool is offered when every one allows it. */
    public static final class Builder {
        private final Switchboard switchboard;
        private Predicate<CatalogEntry> filter = e -> true;
        private Duration timeout;
        private boolean dynamic;
        private boolean waitForReady = true;
        private ToolNaming naming = ToolNaming.QUALIFIED;

        private Builder(Switchboard switchboard) {
            this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
        }

        /**
         * Offers only the tools of servers whose configured name matches one of {@code globs} ({@code *} any run of
         * characters, {@code ?} one character).
         */
        public Builder servers(String... globs) {
            ToolFilter f = new ToolFilter(globs("servers", globs), List.of());
            return filter(e -> f.allows(e.server()));
        }

        /** Leaves out the tools of servers whose configured name matches one of {@code globs}. */
        public Builder excludeServers(String... globs) {
            ToolFilter f = new ToolFilter(List.of(), globs("excludeServers", globs));
            return filter(e -> f.allows(e.server()));
        }

        /**
         * Offers only the tools whose own name or catalog name matches one of {@code globs}: {@code search_*}
         * matches that tool of every server, {@code github__*} every tool of {@code github}.
         */
        public Builder tools(String... globs) {
            ToolFilter f = new ToolFilter(globs("tools", globs), List.of());
            return filter(e -> f.allows(e.tool()) || f.allows(e.qualifiedName()));
        }

        /** Leaves out the tools whose own name or catalog name matches one of {@code globs}. */
        public Builder excludeTools(String... globs) {
            ToolFilter f = new ToolFilter(List.of(), globs("excludeTools", globs));
            return filter(e -> f.allows(e.tool()) && f.allows(e.qualifiedName()));
        }

        /** Offers only the tools {@code which} accepts (its server, names, definition and annotations are there). */
        public Builder filter(Predicate<CatalogEntry> which) {
            Objects.requireNonNull(which, "which");
            this.filter = filter.and(which);
            return this;
        }

        /**
         * The limit on each tool call, instead of the server's {@code request_timeout}; never beyond the server's
         * {@code calls.max_total}. A call that runs out of it is cancelled on the server and the model is told.
         */
        public Builder timeout(Duration callTimeout) {
            Objects.requireNonNull(callTimeout, "callTimeout");
            if (!callTimeout.isPositive()) {
                throw new IllegalArgumentException("timeout: " + callTimeout + " (expected: > 0, e.g. 30s)");
            }
            this.timeout = callTimeout;
            return this;
        }

        /**
         * Whether a call to a server that is not ready now (restarting after a crash, reconnecting) waits for it
         * within the call's deadline (the default), or is answered at once with {@code SERVER_UNAVAILABLE}, which
         * an interactive assistant may prefer to a long wait. A server that failed for good never makes a call wait.
         */
        public Builder waitForReady(boolean waitForServer) {
            this.waitForReady = waitForServer;
            return this;
        }

        /**
         * Whether LangChain4j asks this provider again before each model call within one AI service call (off by
         * default: once per AI service call, which already sees every catalog change between calls). LangChain4j
         * only adds tools it learns so, it never withdraws one within a call; a withdrawn tool's call is answered
         * with an error the model can read.
         */
        public Builder dynamic(boolean askBeforeEachModelCall) {
            this.dynamic = askBeforeEachModelCall;
            return this;
        }

        /** How tools are named for the model: {@link ToolNaming#QUALIFIED} (the default) or bare when unique. */
        public Builder naming(ToolNaming toolNaming) {
            this.naming = Objects.requireNonNull(toolNaming, "toolNaming");
            return this;
        }

        public SwitchboardToolProvider build() {
            return new SwitchboardToolProvider(this);
        }

        private static List<String> globs(String option, String... globs) {
            Objects.requireNonNull(globs, option);
            if (globs.length == 0) {
                throw new IllegalArgumentException(option + ": no glob (expected: at least one name or glob like"
                        + " github or search_*)");
            }
            for (String g : globs) {
                if (g == null || g.isBlank()) {
                    throw new IllegalArgumentException(option + ": " + Arrays.toString(globs) + " has a blank glob"
                            + " (expected: a name or a glob like github or search_*)");
                }
            }
            return List.of(globs);
        }
    }
}
