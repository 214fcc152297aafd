package com.example.assistant;

import dev.switchboard.spring.SwitchboardToolCallbackProvider;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.stereotype.Service;

/** Answers questions with the tools of every MCP server Switchboard is connected to. */
@Service
public class Assistant {
    private final ChatClient chat;

    public Assistant(ChatModel model, SwitchboardToolCallbackProvider switchboardTools) {
        // ChatClient asks the provider for its tools on every request, so servers that connect, drop or are
        // reloaded change what the model is offered without a restart.
        this.chat = ChatClient.builder(model).defaultTools(switchboardTools).build();
    }

    public String ask(String question) {
        return chat.prompt(question).call().content();
    }
}
