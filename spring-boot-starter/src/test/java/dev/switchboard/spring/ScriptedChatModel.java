package dev.switchboard.spring;

import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * A chat model with a script instead of a brain: it calls the one tool it was told to, with the arguments it was
 * told to, among the tools the request offers, and answers with what the tool returned.
 */
final class ScriptedChatModel implements ChatModel {
    private final String tool;
    private final String arguments;

    ScriptedChatModel(String tool, String arguments) {
        this.tool = tool;
        this.arguments = arguments;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        List<ToolCallback> offered = prompt.getOptions() instanceof ToolCallingChatOptions options
                && options.getToolCallbacks() != null ? options.getToolCallbacks() : List.of();
        String answer = offered.stream().filter(c -> c.getToolDefinition().name().equals(tool)).findFirst()
                .map(c -> "The tool said: " + c.call(arguments))
                .orElse("No tool " + tool + " among " + offered.stream().map(c -> c.getToolDefinition().name())
                        .toList());
        return new ChatResponse(List.of(new Generation(new AssistantMessage(answer))));
    }

    /** Options that can carry tool callbacks: ChatClient puts the request's tools into a copy of these. */
    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }
}
