package example;

// tag::agent[]
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.Switchboard;
import dev.switchboard.agent.Answer;
import dev.switchboard.agent.QueryPipeline;
import dev.switchboard.config.ConfigLoader;
import java.nio.file.Path;

/** The example of docs/integrations.md: a question answered with the servers of switchboard.yaml. */
public class AnswerAQuestion {

    public static Answer ask(Path config, String baseUrl, String apiKey, String question) {
        try (Switchboard switchboard = Switchboard.start(ConfigLoader.create().load(config))) {
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl(baseUrl) // OpenAI, or Ollama's http://localhost:11434/v1
                    .apiKey(apiKey)
                    .modelName("gpt-4o-mini")
                    .build();
            QueryPipeline pipeline = QueryPipeline.builder(switchboard, model)
                    .maxToolCalls(5)          // a model that wants more gets a clear stop
                    .maxContextBytes(16_384)  // resource text given to the model, at most
                    .build();
            Answer answer = pipeline.answer(question);
            answer.entities().forEach(e -> System.out.println(e.entity() + " -> " + e.server() + ": " + e.why()));
            answer.toolCalls().forEach(c -> System.out.println(c.server() + " " + c.tool() + " "
                    + c.duration().toMillis() + " ms " + (c.ok() ? "ok" : c.errorCode())));
            return answer;
        }
    }
}
// end::agent[]
