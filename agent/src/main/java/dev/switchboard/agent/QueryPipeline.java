package dev.switchboard.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.tool.ToolProvider;
import dev.switchboard.Switchboard;
import dev.switchboard.langchain4j.SwitchboardToolProvider;
import java.util.List;
import java.util.Objects;

/**
 * Answers a natural-language question with a chat model and the MCP servers of a {@link Switchboard}.
 *
 * <p>For each question it: finds the entities the question names (the names and titles of the resources the servers
 * list, matched as whole words ignoring case); resolves each to its authoritative server with
 * {@link Switchboard#resolve(String, String)} (by how the name matched, then server priority, among the servers of
 * the domain hint when there is one); reads the winners' resources into the context, within
 * {@link Builder#maxContextBytes}; then lets the model call the servers' tools through Switchboard (deadlines,
 * breakers and retries apply), at most {@link Builder#maxToolCalls} times. The {@link Answer} has the model's text,
 * the entities with the reason each server won, the context given, and every tool call with its server, duration
 * and error code.
 *
 * <p>It is thread-safe when its model is: each {@link #answer} is its own conversation.
 *
 * {@snippet :
 * QueryPipeline pipeline = QueryPipeline.builder(switchboard, model).maxToolCalls(5).build();
 * Answer answer = pipeline.answer("How many open orders has ACME?");
 * }
 */
public final class QueryPipeline {
    private static final String INSTRUCTIONS = "You answer the user's question. Use the context below, read from the"
            + " servers that are the authority for what the question names, and call your tools when you need more."
            + " Say so when you do not know.";

    private final ContextGatherer gatherer;
    private final ToolLoop loop;
    private final String instructions;
    private final String domain;

    private QueryPipeline(Builder b) {
        this.gatherer = new ContextGatherer(b.switchboard, b.maxEntities, b.maxContextBytes);
        ToolProvider tools = b.tools != null ? b.tools : SwitchboardToolProvider.of(b.switchboard);
        this.loop = new ToolLoop(b.model, tools, b.maxToolCalls);
        this.instructions = b.instructions;
        this.domain = b.domain;
    }

    /** Options for a pipeline over {@code switchboard}'s servers that asks {@code model}. */
    public static Builder builder(Switchboard switchboard, ChatModel model) {
        return new Builder(switchboard, model);
    }

    /** Answers {@code question}, with the domain hint of the builder (if any). */
    public Answer answer(String question) {
        return answer(question, domain);
    }

    /**
     * Answers {@code question}, resolving its entities among the servers of {@code domainHint} (all servers when
     * null). An entity only servers outside the domain know is left out.
     *
     * @throws RuntimeException what the chat model throws (unreachable endpoint, refused key, unknown model)
     */
    public Answer answer(String question, String domainHint) {
        Objects.requireNonNull(question, "question");
        if (question.isBlank()) {
            throw new IllegalArgumentException("question: blank (expected: the question to answer)");
        }
        Answer.Builder answer = Answer.builder();
        gatherer.gather(question, domainHint, answer);
        loop.run(systemMessage(answer.build().context()), question, answer);
        return answer.build();
    }

    private String systemMessage(List<ContextItem> context) {
        StringBuilder s = new StringBuilder(instructions).append("\n\n");
        if (context.isEmpty()) {
            return s.append("No context was found for this question.").toString();
        }
        s.append("Context:");
        for (ContextItem c : context) {
            s.append("\n\n### ").append(c.entity()).append(" (from server ").append(c.server()).append(", ")
                    .append(c.uri()).append(c.truncated() ? ", cut to fit" : "").append(")\n").append(c.text());
        }
        return s.toString();
    }

    /** Options for a {@link QueryPipeline}; every limit has a default that suits an interactive question. */
    public static final class Builder {
        private final Switchboard switchboard;
        private final ChatModel model;
        private ToolProvider tools;
        private int maxToolCalls = 10;
        private long maxContextBytes = 32 * 1024;
        private int maxEntities = 5;
        private String domain;
        private String instructions = INSTRUCTIONS;

        private Builder(Switchboard switchboard, ChatModel model) {
            this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * The tools the model may call (default: every ready tool, {@code SwitchboardToolProvider.of(switchboard)});
         * pass a filtered {@link SwitchboardToolProvider} to keep some away from the model.
         */
        public Builder tools(SwitchboardToolProvider provider) {
            this.tools = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The most tool calls one answer may make (default 10); the model asking for more ends the answer. */
        public Builder maxToolCalls(int calls) {
            if (calls < 0) {
                throw new IllegalArgumentException("maxToolCalls: " + calls + " (expected: >= 0; 0 = no tools)");
            }
            this.maxToolCalls = calls;
            return this;
        }

        /** The most UTF-8 bytes of resource text given to the model as context (default 32 KiB). */
        public Builder maxContextBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxContextBytes: " + bytes + " (expected: >= 0, e.g. 32768)");
            }
            this.maxContextBytes = bytes;
            return this;
        }

        /** The most entities of one question resolved (default 5); each resolution lists the servers' resources. */
        public Builder maxEntities(int entities) {
            if (entities < 0) {
                throw new IllegalArgumentException("maxEntities: " + entities + " (expected: >= 0)");
            }
            this.maxEntities = entities;
            return this;
        }

        /** The domain whose servers resolve the entities when {@link #answer(String)} is given none. */
        public Builder domain(String domainHint) {
            this.domain = domainHint == null || domainHint.isBlank() ? null : domainHint.strip();
            return this;
        }

        /** What the model is told before the context (default: answer from the context and the tools). */
        public Builder instructions(String text) {
            Objects.requireNonNull(text, "text");
            this.instructions = text;
            return this;
        }

        public QueryPipeline build() {
            return new QueryPipeline(this);
        }
    }
}
