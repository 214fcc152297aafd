package dev.switchboard.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link QueryPipeline#answer} found out: the model's answer and everything it was based on.
 *
 * @param text the model's answer; when {@code stoppedAtLimit}, a message saying so instead
 * @param entities the entities named in the question, each with its authoritative server, in the question's order
 * @param context the resources the model was given before the question
 * @param toolCalls every tool call the model asked for that was run, in order
 * @param problems what could not be done and was left out (a resource that could not be read, a server that did
 *     not answer a resolution), one sentence each
 * @param stoppedAtLimit whether the model still wanted tools when the pipeline's max tool calls were used up
 */
public record Answer(String text, List<ResolvedEntity> entities, List<ContextItem> context,
        List<ToolCallReport> toolCalls, List<String> problems, boolean stoppedAtLimit) {

    public Answer {
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
        context = List.copyOf(context);
        toolCalls = List.copyOf(toolCalls);
        problems = List.copyOf(problems);
    }

    /** Builds an answer field by field (the record will grow; the builder keeps callers compiling). */
    public static Builder builder() {
        return new Builder();
    }

    /** Field-by-field construction of an {@link Answer}; lists default to empty. */
    public static final class Builder {
        private String text = "";
        private List<ResolvedEntity> entities = List.of();
        private List<ContextItem> context = List.of();
        private final List<ToolCallReport> toolCalls = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private boolean stoppedAtLimit;

        private Builder() {
        }

        public Builder text(String answerText) {
            this.text = Objects.requireNonNull(answerText, "answerText");
            return this;
        }

        public Builder entities(List<ResolvedEntity> resolved) {
            this.entities = List.copyOf(resolved);
            return this;
        }

        public Builder context(List<ContextItem> items) {
            this.context = List.copyOf(items);
            return this;
        }

        public Builder addToolCall(ToolCallReport call) {
            toolCalls.add(Objects.requireNonNull(call, "call"));
            return this;
        }

        public Builder addProblem(String problem) {
            problems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        public Builder stoppedAtLimit(boolean stopped) {
            this.stoppedAtLimit = stopped;
            return this;
        }

        /** The number of tool calls added so far. */
        int toolCallCount() {
            return toolCalls.size();
        }

        public Answer build() {
            return new Answer(text, entities, context, toolCalls, problems, stoppedAtLimit);
        }
    }
}
