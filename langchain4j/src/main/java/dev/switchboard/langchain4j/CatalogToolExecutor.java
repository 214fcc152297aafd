package dev.switchboard.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.switchboard.CallOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import java.util.Map;

/**
 * Runs one tool of the catalog through {@link Switchboard#call(ToolCall, CallOptions)}, so that the server's
 * deadline, breaker, retries and argument validation apply, and turns every outcome into a result for the model:
 * it never throws, because an exception would end the AI service call instead of letting the model react.
 */
final class CatalogToolExecutor implements ToolExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Switchboard switchboard;
    private final CatalogEntry entry;
    private final CallOptions options;

    CatalogToolExecutor(Switchboard switchboard, CatalogEntry entry, CallOptions options) {
        this.switchboard = switchboard;
        this.entry = entry;
        this.options = options;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, null).resultText();
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        Map<String, Object> arguments;
        try {
            arguments = arguments(request.arguments());
        } catch (JsonProcessingException e) {
            return error(ErrorCode.INVALID_ARGUMENTS, ToolResultText.invalidArguments(entry, e.getOriginalMessage()));
        }
        try {
            // By server and tool, not by name: the call goes to the tool the model was shown even if the catalog
            // has renamed it since (a new server with a tool of the same name).
            ToolResult result = switchboard.call(ToolCall.of(entry.server(), entry.tool(), arguments), options);
            var built = ToolExecutionResult.builder().isError(result.isError()).result(result)
                    .resultText(ToolResultText.of(result));
            if (result.isError()) {
                built.attributes(Map.of(SwitchboardToolProvider.ERROR_CODE_ATTRIBUTE, ErrorCode.TOOL_ERROR.name()));
            }
            return built.build();
        } catch (SwitchboardException e) {
            return error(e.code(), ToolResultText.of(entry, e));
        } catch (RuntimeException e) {
            return error(ErrorCode.INTERNAL, ToolResultText.unexpected(entry, e));
        }
    }

    private static ToolExecutionResult error(ErrorCode code, String text) {
        return ToolExecutionResult.builder().isError(true).resultText(text)
                .attributes(Map.of(SwitchboardToolProvider.ERROR_CODE_ATTRIBUTE, code.name())).build();
    }

    /** The model's arguments: a JSON object; blank (some models send nothing for no arguments) is none. */
    private static Map<String, Object> arguments(String json) throws JsonProcessingException {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        if (!json.stripLeading().startsWith("{")) {
            throw new JsonProcessingException("expected an object, got: " + abbreviate(json)) {
                private static final long serialVersionUID = 1L;
            };
        }
        Map<String, Object> parsed = JSON.readValue(json, OBJECT);
        return parsed == null ? Map.of() : parsed;
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }
}
