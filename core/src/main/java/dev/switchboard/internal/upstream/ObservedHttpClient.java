package dev.switchboard.internal.upstream;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that notes each response's status and headers in an {@link HttpExchangeLog} before the SDK
 * sees it. The SDK's transports keep only a status code in their exception messages; this keeps what an error
 * message needs (Retry-After, content type, WWW-Authenticate) and lets Switchboard close the client it owns.
 */
final class ObservedHttpClient extends HttpClient {
    /** The longest {@link #shutdownNow} waits for the DELETEs under way; a server that answered ends one at once. */
    private static final Duration DELETE_WAIT = Duration.ofSeconds(1);

    private final HttpClient delegate;
    private final HttpExchangeLog log;
    private final OpenExchanges exchanges;
    private final Set<CompletableFuture<Void>> deletes = ConcurrentHashMap.newKeySet();

    private ObservedHttpClient(HttpClient delegate, HttpExchangeLog log, OpenExchanges exchanges) {
        this.delegate = delegate;
        this.log = log;
        this.exchanges = exchanges;
    }

    /** A builder for the SDK's transport builders; whatever they configure goes to a real client. */
    static Builder builder(HttpExchangeLog log, OpenExchanges exchanges,
            java.util.function.Consumer<HttpClient> onBuild) {
        return new ObservingBuilder(HttpClient.newBuilder(), log, exchanges, onBuild);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, observing(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        if (request.bodyPublisher().orElse(null) instanceof OpenExchanges.Tagged tagged) {
            // The request's own body sits inside the watch: a body cut off is not an answer stream to resume.
            return exchanges.send(tagged.id(), handler, h -> delegate.sendAsync(request, observing(request, h)));
        }
        if (!"DELETE".equals(request.method())) {
            return watchFailure(request, delegate.sendAsync(request, observing(request, handler)));
        }
        // Done when its body has been read to the end (the SDK drains it after the headers), or when it failed.
        CompletableFuture<Void> done = new CompletableFuture<>();
        deletes.add(done);
        done.whenComplete((ignored, failure) -> deletes.remove(done));
        HttpResponse.BodyHandler<T> observed = observing(request, handler);
        CompletableFuture<HttpResponse<T>> response = delegate.sendAsync(request,
                info -> new BodyEnd<>(observed.apply(info), done));
        response.whenComplete((r, failure) -> {
            if (failure != null) {
                done.complete(null);
            }
        });
        return response;
    }

    /** Tells when a response's body has ended, read to its end or failed. */
    private record BodyEnd<T>(HttpResponse.BodySubscriber<T> body, CompletableFuture<Void> done)
            implements HttpResponse.BodySubscriber<T> {
        @Override
        public CompletionStage<T> getBody() {
            return body.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            body.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            body.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            try {
                body.onError(throwable);
            } finally {
                done.complete(null);
            }
        }

        @Override
        public void onComplete() {
            try {
                body.onComplete();
            } finally {
                done.complete(null);
            }
        }
    }

    /** A stream that could not even be opened (connection refused) has ended as much as one that dropped. */
    private <T> CompletableFuture<HttpResponse<T>> watchFailure(HttpRequest request,
            CompletableFuture<HttpResponse<T>> response) {
        if ("GET".equals(request.method())
                && request.headers().firstValue("accept").orElse("").contains("text/event-stream")) {
            response.whenComplete((r, failure) -> {
                if (failure != null) {
                    log.streamEnded(failure);
                }
            });
        }
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, observing(request, handler), push);
    }

    private <T> HttpResponse.BodyHandler<T> observing(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return info -> {
            log.record(request.method(), info.statusCode(), info.headers());
            HttpResponse.BodySubscriber<T> body = handler.apply(info);
            boolean events = info.statusCode() / 100 == 2
                    && info.headers().firstValue("content-type").orElse("").contains("text/event-stream");
            if (!events) {
                return body;
            }
            String session = request.headers().firstValue("mcp-session-id").orElse(null);
            if ("GET".equals(request.method())) {
                // Noted before the SDK hears of it: a broken GET stream must not fail the session.
                return new EventStreamWatch<>(body, log::getStreamFailed, (tracker, error) -> {
                    log.streamEnded(error);
                    if (error != null) {
                        // The SDK never resumes a GET stream that breaks off (its resume hook sees no such errors).
                        log.streamInterrupted(new SseInterruption(request.uri(), session, tracker.lastId(),
                                tracker.retry()));
                    }
                });
            }
            return new EventStreamWatch<>(body, error -> { }, (tracker, error) -> {
                if (OpenExchanges.cutOff(body)) {
                    return; // ended by Switchboard: the request was given up on
                }
                SseInterruption i = tracker.ended(request.uri(), session);
                if (i != null) {
                    log.streamInterrupted(i); // a POST's answer stream ended before the answer
                }
            });
        };
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    /**
     * Lets the DELETEs under way finish first, their bodies read to the end (at most {@link #DELETE_WAIT}), then
     * aborts everything. When a server refuses a session, the SDK sends a DELETE to end it and subscribes to it
     * without an error handler ({@code DefaultMcpTransportSession.close}), in a context of its own: aborted, even
     * while its (empty) body is still being drained after the headers, it would fail where only Reactor's global
     * {@code onErrorDropped} hears it, which logs an ERROR with a stack trace for an ordinary reconnect.
     */
    @Override
    public void shutdownNow() {
        CompletableFuture<?>[] pending = deletes.toArray(CompletableFuture[]::new);
        if (pending.length > 0) {
            try {
                CompletableFuture.allOf(pending).get(DELETE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Failed on its own (not ours to quieten) or too slow: whatever is left is aborted below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delegate.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void close() {
        shutdownNow();
    }

    private record ObservingBuilder(Builder real, HttpExchangeLog log, OpenExchanges exchanges,
            java.util.function.Consumer<HttpClient> onBuild) implements Builder {
        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            real.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            real.connectTimeout(duration);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            real.sslContext(sslContext);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            real.sslParameters(sslParameters);
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            real.executor(executor);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            real.followRedirects(policy);
            return this;
        }

        @Override
        public Builder version(Version version) {
            real.version(version);
            return this;
        }

        @Override
        public Builder priority(int priority) {
            real.priority(priority);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            real.proxy(proxySelector);
            return this;
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            real.authenticator(authenticator);
            return this;
        }

        @Override
        public Builder localAddress(InetAddress localAddr) {
            real.localAddress(localAddr);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = new ObservedHttpClient(real.build(), log, exchanges);
            onBuild.accept(client);
            return client;
        }
    }
}
