/**
 * The query pipeline: {@link dev.switchboard.agent.QueryPipeline} answers a question with a chat model, the context
 * of the entities' authoritative servers and tools through Switchboard; {@link dev.switchboard.agent.AgentMain}
 * runs it from the command line. See {@code docs/integrations.md}.
 */
package dev.switchboard.agent;
