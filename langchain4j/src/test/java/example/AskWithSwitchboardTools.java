package example;

// tag::langchain4j[]
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.switchboard.Switchboard;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.langchain4j.SwitchboardToolProvider;
import java.nio.file.Path;
import java.time.Duration;

/** The example of docs/integrations.md: an AI service whose tools are every MCP server of switchboard.yaml. */
public class AskWithSwitchboardTools {

    /** What the application asks; LangChain4j implements it. */
    public interface Assistant {
        String chat(String question);
    }

    public static String ask(Path config, String baseUrl, String apiKey, String question) {
        // One Switchboard for the application: it connects every server of switchboard.yaml and keeps them healthy.
        try (Switchboard switchboard = Switchboard.start(ConfigLoader.create().load(config))) {
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl(baseUrl) // any OpenAI-compatible endpoint
                    .apiKey(apiKey)
                    .modelName("gpt-4o-mini")
                    .build();
            SwitchboardToolProvider tools = SwitchboardToolProvider.builder(switchboard)
                    .excludeTools("delete_*") // keep destructive tools away from the model
                    .timeout(Duration.ofSeconds(30)) // per tool call; breakers and retries still apply
                    .build();
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .toolProvider(tools)
                    .build();
            return assistant.chat(question);
        }
    }
}
// end::langchain4j[]
