package example;

import dev.switchboard.Switchboard;
import dev.switchboard.langchain4j.SwitchboardToolProvider;
import java.time.Duration;

/** The filter example of docs/integrations.md. */
public final class ChooseTools {
    private ChooseTools() {
    }

    public static SwitchboardToolProvider chosen(Switchboard switchboard) {
        return
        // tag::langchain4j-filters[]
        SwitchboardToolProvider.builder(switchboard)
                .servers("github", "jira-*")            // only these servers (globs: * and ?)
                .excludeServers("jira-legacy")
                .tools("search_*", "github__get_*")     // a tool's own name or its catalog name
                .excludeTools("delete_*")
                .filter(e -> e.definition().annotations() == null
                        || !Boolean.TRUE.equals(e.definition().annotations().destructiveHint()))
                .timeout(Duration.ofSeconds(20))         // per tool call, instead of the server's request_timeout
                .build();
        // end::langchain4j-filters[]
    }
}
