package dev.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests: one that was free a moment ago, where nothing listens until the test starts it. */
final class Ports {
    private Ports() {
    }

    /** A loopback port nobody listens on now: connections to it are refused until something binds it. */
    static int unused() {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
