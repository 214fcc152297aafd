package dev.switchboard.spring;

import dev.switchboard.Switchboard;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The Switchboard's tools as a Spring AI {@link ToolCallbackProvider}, when Spring AI is on the class path. */
@AutoConfiguration(after = SwitchboardAutoConfiguration.class)
@ConditionalOnClass({Switchboard.class, ToolCallbackProvider.class})
@ConditionalOnBean(Switchboard.class)
public class SwitchboardToolsAutoConfiguration {

    /** Every available tool of the catalog, followed live; see {@link SwitchboardToolCallbackProvider}. */
    @Bean
    @ConditionalOnMissingBean(SwitchboardToolCallbackProvider.class)
    public SwitchboardToolCallbackProvider switchboardToolCallbackProvider(Switchboard switchboard) {
        return new SwitchboardToolCallbackProvider(switchboard);
    }
}
