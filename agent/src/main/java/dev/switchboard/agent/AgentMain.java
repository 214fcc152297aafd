package dev.switchboard.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ConfigLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command-line agent: answers one question with the servers of a configuration file and an OpenAI-compatible
 * chat endpoint, and prints the answer, the entities, the context and the tool calls. Exit 0 when answered, 1 when
 * it could not answer (the tool calls ran out, the model or the servers failed), 2 for a usage error.
 */
@Command(name = "switchboard-agent", mixinStandardHelpOptions = true,
        description = "Answers a question with an LLM and the MCP servers of a Switchboard configuration.")
public final class AgentMain implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the servers (switchboard.yaml)")
    Path config;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "an OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://localhost:11434/v1")
    String baseUrl;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "the model, e.g. gpt-4o-mini")
    String model;

    @Option(names = "--api-key-env", defaultValue = "OPENAI_API_KEY", paramLabel = "VAR",
            description = "the environment variable holding the API key (default: ${DEFAULT-VALUE}); never printed")
    String apiKeyEnv;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "resolve entities among this domain's servers")
    String domain;

    @Option(names = "--max-tool-calls", defaultValue = "10", paramLabel = "N",
            description = "the most tool calls for one answer (default: ${DEFAULT-VALUE})")
    int maxToolCalls;

    @Option(names = "--max-context-bytes", defaultValue = "32768", paramLabel = "BYTES",
            description = "the most bytes of resource text given to the model (default: ${DEFAULT-VALUE})")
    long maxContextBytes;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (words are joined)")
    List<String> question;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private AgentMain(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        // LangChain4j logs each retry of the model with a stack trace; the error printed at the end says it all.
        // Set before any logger exists, and only when the user has not chosen levels (-D... wins).
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.langchain4j", "error");
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command with these streams and environment; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return new CommandLine(new AgentMain(out, err, env))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        String key = env.get(apiKeyEnv);
        if (key == null || key.isBlank()) {
            // Ollama and other local endpoints need none: no Authorization header is sent.
            err.println("No API key: the variable " + apiKeyEnv + " is not set, so none is sent (fine for Ollama;"
                    + " set it, or name another with --api-key-env, for endpoints that need one).");
            key = null;
        }
        Secret secret = new Secret(key);
        try (Switchboard switchboard = Switchboard.start(ConfigLoader.create().load(config))) {
            ChatModel chat = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key).modelName(model).build();
            Answer answer = QueryPipeline.builder(switchboard, chat).maxToolCalls(maxToolCalls)
                    .maxContextBytes(maxContextBytes).domain(domain).build().answer(String.join(" ", question));
            out.print(secret.mask(AnswerText.of(answer)));
            out.flush();
            return answer.stoppedAtLimit() ? 1 : 0;
        } catch (SwitchboardException e) {
            err.println(secret.mask("Switchboard failed (" + e.code() + "): " + e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println(secret.mask("The chat model at " + withoutUserInfo(baseUrl) + " failed: " + reason(e)
                    + " (check --base-url, --model and the key in " + apiKeyEnv + ")"));
            return 1;
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The first cause that says more than its wrapper ("ConnectException", not "java.net.ConnectException"). */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // A URL's user-info is a secret (DESIGN.md, section 6).
    private static String withoutUserInfo(String url) {
        try {
            URI u = URI.create(url);
            return u.getUserInfo() == null ? url : url.replace(u.getRawUserInfo() + "@", "****@");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The API key, kept only to mask it out of anything printed (an endpoint may echo it in an error). */
    private record Secret(String value) {
        String mask(String text) {
            return value == null || value.isEmpty() ? text : text.replace(value, "****");
        }

        @Override
        public String toString() {
            return "Secret[****]";
        }
    }
}
