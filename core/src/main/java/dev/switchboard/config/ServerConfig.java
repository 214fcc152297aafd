package dev.switchboard.config;

/** One configured MCP server: its name, its {@link ServerOptions}, and how to reach it. */
public sealed interface ServerConfig permits StdioServer, HttpServer {

    /** The unique name the server is known by (also its namespace in tool names). */
    String name();

    ServerOptions options();

    Transport transport();

    /** A copy of this server with other options. */
    ServerConfig withOptions(ServerOptions options);
}
