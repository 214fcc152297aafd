/**
 * FakeMcpServer: a scriptable MCP server for Switchboard's tests and demo, built on the MCP Java SDK's server.
 *
 * <p>Describe a server once as a {@link dev.switchboard.testing.Scenario} (tools with behaviours, resources,
 * prompts, faults), then run it the way the test needs:
 * <ul>
 *   <li>in this JVM over Streamable HTTP or legacy HTTP+SSE:
 *       {@link dev.switchboard.testing.FakeMcpServer#startHttp}, {@link dev.switchboard.testing.FakeMcpServer#startSse};
 *       the {@link dev.switchboard.testing.RunningFakeServer} records the calls and cancellations that reached it;</li>
 *   <li>as a child process over stdio: {@link dev.switchboard.testing.FakeMcpServer#stdioCommand}, or stubborn
 *       (ignores SIGTERM, holds a grandchild):
 *       {@link dev.switchboard.testing.FakeMcpServer#stdioCommandIgnoringSigterm};
 *       the child reports calls and cancellations as {@code fake-mcp: call ...} / {@code fake-mcp: cancelled ...}
 *       lines on stderr;</li>
 *   <li>as a child process over HTTP (to kill and restart it):
 *       {@link dev.switchboard.testing.FakeMcpServer#httpCommand},
 *       {@link dev.switchboard.testing.FakeMcpServer#sseCommand}.</li>
 * </ul>
 */
package dev.switchboard.testing;
