package dev.switchboard.internal.health;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP GET of a health path on an HTTP server's host, sent with the server's configured headers; any 2xx answer
 * is a success. Owns one HTTP client, released by {@link #close}.
 */
final class HttpGetProbe implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final URI target;
    private final ExecutorService executor;
    private final HttpClient client;

    HttpGetProbe(HttpServer server, String path) {
        this.server = server;
        URI url = server.url();
        this.target = URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
                .name("switchboard-health-http-" + server.name() + "-", 0).factory());
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(server.options().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Fetches the path; throws a classified error unless the answer is 2xx within {@code timeout}. */
    void run(Duration timeout) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).GET();
        server.headers().forEach(request::setHeader);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw error(ErrorCode.TIMEOUT, "no answer in " + dev.switchboard.config.Durations.format(timeout)
                    + " (health.timeout)");
        } catch (IOException e) {
            throw error(ErrorCode.UNREACHABLE, "cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw error(status == 401 || status == 403 ? ErrorCode.AUTH_FAILED : ErrorCode.UNREACHABLE,
                    "answered HTTP " + status + " (expected: 2xx)");
        }
    }

    private SwitchboardException error(ErrorCode code, String what) {
        return new SwitchboardException(code, server.name(), null, "health check GET " + target.getRawPath()
                + " of server '" + server.name() + "' " + what + "; check health.path and the server", null);
    }

    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
