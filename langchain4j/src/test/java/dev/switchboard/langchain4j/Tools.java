package dev.switchboard.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.List;

/** What an AI service gets from a provider, and a tool run the way an AI service runs it. */
final class Tools {
    private Tools() {
    }

    static ToolProviderResult provided(ToolProvider provider) {
        return provider.provideTools(new ToolProviderRequest("memory", UserMessage.from("question")));
    }

    static List<String> names(ToolProvider provider) {
        return provided(provider).aiServiceTools().stream().map(AiServiceTool::name).toList();
    }

    static ToolExecutor executor(ToolProviderResult provided, String name) {
        return provided.aiServiceTools().stream().filter(t -> t.name().equals(name)).findFirst()
                .map(AiServiceTool::toolExecutor)
                .orElseThrow(() -> new AssertionError("no tool named " + name + " among " + provided.aiServiceTools()));
    }

    static ToolExecutionResult run(ToolProviderResult provided, String name, String arguments) {
        return executor(provided, name).executeWithContext(
                ToolExecutionRequest.builder().id("call-1").name(name).arguments(arguments).build(), null);
    }
}
