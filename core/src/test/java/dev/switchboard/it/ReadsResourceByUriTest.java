package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ResourcePolicy;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.RunningFakeServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading one resource is routed to the server that lists it; a URI two servers share must be qualified. */
class ReadsResourceByUriTest {
    private static RunningFakeServer alpha;
    private static RunningFakeServer beta;
    private static Switchboard sb;

    @BeforeAll
    static void start() {
        alpha = FakeMcpServer.builder().name("alpha")
                .resource(FakeResource.text("shared://config", "config", "text/plain", "alpha's config"),
                        FakeResource.text("alpha://only", "only", "text/plain", "only alpha")).startHttp();
        beta = FakeMcpServer.builder().name("beta")
                .resource(FakeResource.text("shared://config", "config", "text/plain", "beta's config")).startHttp();
        sb = Switchboard.start(ResourceFixtures.config(ResourcePolicy.DEFAULT, List.of(
                ResourceFixtures.http("alpha", alpha, ResourceFixtures.options(10)),
                ResourceFixtures.http("beta", beta, ResourceFixtures.options(20)))));
    }

    @AfterAll
    static void stop() {
        sb.close();
        alpha.close();
        beta.close();
    }

    @Test
    void aUriOnlyOneServerListsIsReadFromIt() {
        var item = sb.readResource("alpha://only");

        assertThat(item.server()).isEqualTo("alpha");
        assertThat(item.name()).isEqualTo("only");
        assertThat(item.text()).contains("only alpha");
    }

    @Test
    void aSharedUriMustBeQualifiedAndTheErrorSaysHow() {
        assertThatThrownBy(() -> sb.readResource("shared://config"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_RESOURCE);
                    assertThat(e.getMessage()).contains("alpha+shared://config", "beta+shared://config");
                });
    }

    @Test
    void theQualifiedFormReadsFromTheNamedServer() {
        assertThat(sb.readResource("alpha+shared://config").text()).contains("alpha's config");
        assertThat(sb.readResource("beta+shared://config").text()).contains("beta's config");
        assertThat(sb.readResource("beta+shared://config").server()).isEqualTo("beta");
    }

    @Test
    void aUriNoServerOffersIsUnknown() {
        assertThatThrownBy(() -> sb.readResource("nowhere://thing"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RESOURCE);
                    assertThat(e.getMessage()).contains("nowhere://thing");
                });
    }
}
