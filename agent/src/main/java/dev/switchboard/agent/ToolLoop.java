package dev.switchboard.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.switchboard.ErrorCode;
import dev.switchboard.ToolResult;
import dev.switchboard.langchain4j.SwitchboardToolProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of a query: the conversation with the model. It sends the context and the question with the
 * tools, runs each tool call the model asks for through Switchboard, sends the results back, and ends when the
 * model answers in text or the tool calls run out. Written out rather than through {@code AiServices}, because
 * the pipeline must count and report every call (server, duration, error code) and stop at its limit.
 */
final class ToolLoop {
    private final ChatModel model;
    private final ToolProvider tools;
    private final int maxToolCalls;

    ToolLoop(ChatModel model, ToolProvider tools, int maxToolCalls) {
        this.model = model;
        this.tools = tools;
        this.maxToolCalls = maxToolCalls;
    }

    void run(String system, String question, Answer.Builder answer) {
        UserMessage user = UserMessage.from(question);
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system), user));
        Map<String, AiServiceTool> offered = new LinkedHashMap<>();
        tools.provideTools(new ToolProviderRequest("switchboard-agent", user)).aiServiceTools()
                .forEach(t -> offered.put(t.name(), t));
        List<ToolSpecification> specs = offered.values().stream().map(AiServiceTool::toolSpecification).toList();
        while (true) {
            ChatRequest.Builder request = ChatRequest.builder().messages(messages);
            if (!specs.isEmpty() && maxToolCalls > 0) {
                request.toolSpecifications(specs);
            }
            AiMessage reply = model.chat(request.build()).aiMessage();
            if (!reply.hasToolExecutionRequests()) {
                answer.text(reply.text() == null ? "" : reply.text());
                return;
            }
            messages.add(reply);
            for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                if (answer.toolCallCount() >= maxToolCalls) {
                    answer.stoppedAtLimit(true).text("Stopped after " + maxToolCalls + " tool calls (the pipeline's"
                            + " max tool calls) without an answer: the model still asked for '" + call.name()
                            + "'. Raise max tool calls or ask a narrower question.");
                    return;
                }
                ToolCallReport report = execute(call, offered);
                answer.addToolCall(report);
                messages.add(ToolExecutionResultMessage.from(call, report.result()));
            }
        }
    }

    private static ToolCallReport execute(ToolExecutionRequest call, Map<String, AiServiceTool> offered) {
        String arguments = call.arguments() == null ? "" : call.arguments();
        AiServiceTool tool = offered.get(call.name());
        if (tool == null) {
            // A model may invent a name; it reads why and may pick one of its tools instead.
            return new ToolCallReport(call.name(), null, null, arguments, Duration.ZERO,
                    ErrorCode.UNKNOWN_TOOL.name(), "There is no tool named '" + call.name() + "'. Use one of the"
                    + " tools you were given: " + String.join(", ", offered.keySet()) + ".");
        }
        Map<String, Object> metadata = tool.toolSpecification().metadata();
        // Set by SwitchboardToolProvider; another provider's tools have no server to report.
        String server = metadata.get("switchboard.server") instanceof String s ? s : null;
        String name = metadata.get("switchboard.tool") instanceof String t ? t : null;
        long start = System.nanoTime();
        ToolExecutionResult result = tool.toolExecutor().executeWithContext(call, null);
        Duration took = result.result() instanceof ToolResult r ? r.duration()
                : Duration.ofNanos(System.nanoTime() - start);
        String code = !result.isError() ? null : String.valueOf(result.attributes()
                .getOrDefault(SwitchboardToolProvider.ERROR_CODE_ATTRIBUTE, ErrorCode.INTERNAL.name()));
        return new ToolCallReport(call.name(), server, name, arguments, took, code, result.resultText());
    }
}
