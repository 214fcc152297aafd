package dev.switchboard.agent;

import java.util.List;

/** An {@link Answer} as the command line prints it: the answer first, then what it was based on. */
final class AnswerText {
    private AnswerText() {
    }

    static String of(Answer a) {
        StringBuilder s = new StringBuilder(a.text()).append("\n\n");
        s.append(a.entities().isEmpty() ? "Entities: none found in the question\n" : "Entities:\n");
        a.entities().forEach(e -> s.append("  ").append(e.entity()).append(" -> ").append(e.qualifiedUri())
                .append(" (").append(e.why()).append(")\n"));
        s.append(a.context().isEmpty() ? "Context: none\n" : "Context:\n");
        a.context().forEach(c -> s.append("  ").append(c.server()).append('+').append(c.uri()).append(", ")
                .append(c.text().length()).append(" characters").append(c.truncated() ? ", cut" : "").append('\n'));
        s.append(a.toolCalls().isEmpty() ? "Tool calls: none\n" : "Tool calls:\n");
        List<ToolCallReport> calls = a.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ToolCallReport c = calls.get(i);
            s.append("  ").append(i + 1).append(". ")
                    .append(c.server() == null ? c.name() : c.server() + " " + c.tool())
                    .append("  ").append(c.duration().toMillis()).append(" ms  ")
                    .append(c.ok() ? "ok" : c.errorCode()).append('\n');
        }
        if (!a.problems().isEmpty()) {
            s.append("Problems:\n");
            a.problems().forEach(p -> s.append("  ").append(p).append('\n'));
        }
        return s.toString();
    }
}
