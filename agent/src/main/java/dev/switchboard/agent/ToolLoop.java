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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second half of a query: the conversation with the model. It sends the context and the question with the
 * tools, runs each tool call the model asks for through Switchboard, sends the results back, and ends when the
 * model answers in text or the tool calls run out. Written out rather than through {@code AiServices}, because
 * the pipeline must count and report every call (server, duration, error code) and stop at its limit. The calls
 * of one turn run at once; when they would pass the limit, those that fit run and the answer stops there.
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
            // Tools only while calls are left: with the budget spent the model is asked to answer with what it has,
            // rather than to ask for a call that would only be refused.
            if (!specs.isEmpty() && answer.toolCallCount() < maxToolCalls) {
                request.toolSpecifications(specs);
            }
            AiMessage reply = model.chat(request.build()).aiMessage();
            if (!reply.hasToolExecutionRequests()) {
                answer.text(reply.text() == null ? "" : reply.text());
                return;
            }
            messages.add(reply);
            List<ToolExecutionRequest> asked = reply.toolExecutionRequests();
            List<ToolExecutionRequest> allowed = asked.subList(0,
                    Math.min(asked.size(), maxToolCalls - answer.toolCallCount()));
            List<ToolCallReport> reports = executeAll(allowed, offered);
            for (int i = 0; i < allowed.size(); i++) {
                answer.addToolCall(reports.get(i));
                messages.add(ToolExecutionResultMessage.from(allowed.get(i), reports.get(i).result()));
            }
            if (allowed.size() < asked.size()) {
                answer.stoppedAtLimit(true).text("Stopped after " + maxToolCalls + " tool calls (the pipeline's"
                        + " max tool calls) without an answer: the model still asked for '"
                        + asked.get(allowed.size()).name() + "'. Raise max tool calls or ask a narrower question.");
                return;
            }
        }
    }

    /**
     * Runs the calls of one turn at once, each on its own virtual thread (a model asks for several when they do not
     * depend on each other), and reports them in the order asked. Each call has its server's own deadline.
     */
    private static List<ToolCallReport> executeAll(List<ToolExecutionRequest> calls,
            Map<String, AiServiceTool> offered) {
        if (calls.size() <= 1) {
            return calls.stream().map(c -> execute(c, offered)).toList();
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ToolCallReport>> running = calls.stream()
                    .map(c -> threads.submit(() -> execute(c, offered))).toList();
            List<ToolCallReport> reports = new ArrayList<>();
            for (Future<ToolCallReport> f : running) {
                reports.add(f.get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while the model's tool calls ran");
        } catch (ExecutionException e) {
            // execute() turns every failure into a report; this is a bug, said as such.
            throw new IllegalStateException("a tool call failed unexpectedly: " + e.getCause(), e.getCause());
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
