package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Everything a fake MCP server is: identity, tools, resources, prompts and faults. Immutable and JSON-serialisable,
 * so the same scenario can run in-process or be handed to a child process.
 *
 * @param name      the server name reported by {@code initialize}
 * @param version   the server version reported by {@code initialize}
 * @param tools     the tools, in {@code tools/list} order
 * @param resources the resources
 * @param resourceTemplates the resource templates
 * @param prompts   the prompts
 * @param faults    server-level faults
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Scenario(String name, String version, List<FakeTool> tools, List<FakeResource> resources,
                       List<FakeResourceTemplate> resourceTemplates, List<FakePrompt> prompts, Faults faults) {

    // Unknown fields fail loudly: a typo in a hand-written scenario file should not silently do nothing.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Scenario {
        name = name == null ? "fake" : name;
        version = version == null ? "1.0.0" : version;
        tools = tools == null ? List.of() : List.copyOf(tools);
        resources = resources == null ? List.of() : List.copyOf(resources);
        resourceTemplates = resourceTemplates == null ? List.of() : List.copyOf(resourceTemplates);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        faults = faults == null ? Faults.NONE : faults;
        long distinct = tools.stream().map(FakeTool::name).distinct().count();
        if (distinct != tools.size()) {
            throw new IllegalArgumentException(
                    "scenario " + name + ": tool names must be unique (expected: no duplicates)");
        }
    }

    /** This scenario as compact JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scenario " + name + " is not serialisable", e);
        }
    }

    /** This scenario as base64 of its JSON, safe to pass as one command-line argument. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a scenario from JSON; unknown fields are rejected. */
    public static Scenario fromJson(String json) {
        try {
            return JSON.readValue(json, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid scenario JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a scenario from {@link #toBase64()} output. */
    public static Scenario fromBase64(String base64) {
        return fromJson(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    /** Reads a scenario from a JSON file. */
    public static Scenario read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /** This scenario with other faults. */
    public Scenario withFaults(Faults newFaults) {
        return new Scenario(name, version, tools, resources, resourceTemplates, prompts, newFaults);
    }
}
