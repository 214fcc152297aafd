package dev.switchboard.it;

import dev.switchboard.config.HttpAuth;
import dev.switchboard.testing.FakeAuthorizationServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;

/**
 * A FakeMcpServer with the tool {@code echo} that wants the access token of a {@link FakeAuthorizationServer}
 * protecting it (its 401 names its Protected Resource Metadata): what every OAuth test of this package starts from.
 */
final class OAuthProtected implements AutoCloseable {
    /** The client the authorization server knows in advance. */
    static final HttpAuth PRE_REGISTERED = HttpAuth.builder(HttpAuth.Type.OAUTH)
            .clientId(FakeAuthorizationServer.CLIENT_ID).clientSecret(FakeAuthorizationServer.CLIENT_SECRET).build();

    private final FakeAuthorizationServer as;
    private final RunningFakeServer server;

    OAuthProtected() throws IOException {
        as = new FakeAuthorizationServer();
        try {
            server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("fake").tool(FakeTool.echo("echo"))
                    .requireBearer(FakeAuthorizationServer.ACCESS_TOKEN, as.resourceMetadata()).build());
        } catch (RuntimeException e) {
            as.close();
            throw e;
        }
        as.protect(server.url());
    }

    FakeAuthorizationServer as() {
        return as;
    }

    RunningFakeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        as.close();
    }
}
