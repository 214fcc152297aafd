package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault of the proxy between a client and an echo server on loopback, and a close that leaves nothing. */
@Timeout(60)
class FaultyProxyTest {
    private ServerSocket echo;
    private final ExecutorService echoThreads = Executors.newVirtualThreadPerTaskExecutor();
    private FaultyProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThreads.submit(() -> {
            while (true) {
                Socket s = echo.accept();
                echoThreads.submit(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    }
                    return null;
                });
            }
        });
        proxy = FaultyProxy.to(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
        echoThreads.shutdownNow();
    }

    @Test
    void forwardsBothWaysUntilTold() throws IOException {
        try (Socket c = client()) {
            assertThat(roundTrip(c, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void resetAllCutsOpenConnectionsWithARst() throws IOException {
        try (Socket c = client()) {
            roundTrip(c, "x");
            proxy.resetAll();
            assertThatThrownBy(() -> c.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void dropSwallowsBytesAndHealForwardsAgain() throws IOException {
        try (Socket c = client()) {
            roundTrip(c, "x");
            proxy.drop();
            c.getOutputStream().write('y');
            c.setSoTimeout(300);
            assertThatThrownBy(() -> c.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.heal();
            c.setSoTimeout(10_000);
            assertThat(roundTrip(c, "z")).isEqualTo("z");
        }
    }

    @Test
    void blackHoleAcceptsNewConnectionsThatNeverAnswer() throws IOException {
        proxy.blackHole();
        try (Socket c = client()) {
            c.getOutputStream().write('x');
            c.setSoTimeout(300);
            assertThatThrownBy(() -> c.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void truncateCutsAConnectionAfterThatManyBytes() throws IOException {
        try (Socket c = client()) {
            proxy.truncate(3);
            c.getOutputStream().write("abcdef".getBytes());
            InputStream in = c.getInputStream();
            assertThat(new String(in.readAllBytes())).isEqualTo("abc");
        }
    }

    @Test
    void delayHoldsEveryChunk() throws IOException {
        proxy.delay(Duration.ofMillis(200));
        try (Socket c = client()) {
            long start = System.nanoTime();
            assertThat(roundTrip(c, "slow")).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void closeEndsEveryConnectionAndThread() throws IOException {
        try (Socket c = client()) {
            roundTrip(c, "x");
            proxy.close();
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
        // close() returns only once every thread of the proxy has ended (it closes their executor).
        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()))
                .isInstanceOf(java.net.ConnectException.class);
    }

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static String roundTrip(Socket c, String text) throws IOException {
        OutputStream out = c.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        return new String(c.getInputStream().readNBytes(text.length()));
    }
}
