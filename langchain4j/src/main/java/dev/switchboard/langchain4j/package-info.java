/**
 * Switchboard for LangChain4j: {@link dev.switchboard.langchain4j.SwitchboardToolProvider} offers the tools of every
 * MCP server of a {@link dev.switchboard.Switchboard} to LangChain4j AI services. See {@code docs/integrations.md}.
 */
package dev.switchboard.langchain4j;
