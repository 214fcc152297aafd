package dev.switchboard.internal.upstream;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The HTTP exchanges that carry requests to one server (the POST of a request, and the stream its answer comes on),
 * by JSON-RPC id, so that a request given up on ends its exchange too. The SDK keeps an exchange open until the
 * server ends it: a server that never answers would keep one connection (and descriptor) per abandoned request
 * until the session closes; the soak found hundreds.
 */
final class OpenExchanges {
    private static final String ID_KEY = "\"id\":";

    /** The POST body of a request, its id beside it: how {@link ObservedHttpClient} knows the exchange's request. */
    record Tagged(String id, HttpRequest.BodyPublisher body) implements HttpRequest.BodyPublisher {
        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            body.subscribe(subscriber);
        }
    }

    private final ConcurrentHashMap<String, Exchange> open = new ConcurrentHashMap<>();

    /**
     * Puts a request's id beside its body, for the SDK's request customizer: a POST of a JSON-RPC request gets a
     * {@link Tagged} body (same bytes), anything else is left as it is.
     */
    static void tag(HttpRequest.Builder request, String method, String body) {
        String id = "POST".equals(method) && body != null ? requestId(body) : null;
        if (id != null) {
            request.POST(new Tagged(id, HttpRequest.BodyPublishers.ofString(body)));
        }
    }

    /**
     * The id of the JSON-RPC request in {@code body}, or null for anything else. The SDK writes a request's fields
     * in order (jsonrpc, method, id, params), so the first {@code "id":} after the method is the request's, never one
     * in its params; a response has no method before its id.
     */
    static String requestId(String body) {
        int at = body.indexOf(ID_KEY);
        int method = body.indexOf("\"method\":");
        if (at < 0 || method < 0 || method > at) {
            return null; // not a request: a response or a notification
        }
        int start = at + ID_KEY.length();
        if (start < body.length() && body.charAt(start) == '"') {
            int end = body.indexOf('"', start + 1);
            return end < 0 ? null : body.substring(start + 1, end);
        }
        int end = start;
        while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == '-')) {
            end++;
        }
        return end > start ? body.substring(start, end) : null;
    }

    /** Sends a tagged request's exchange through {@code send}, and keeps it until it ends or is abandoned. */
    <T> CompletableFuture<HttpResponse<T>> send(String id, HttpResponse.BodyHandler<T> handler,
            Function<HttpResponse.BodyHandler<T>, CompletableFuture<HttpResponse<T>>> send) {
        Exchange exchange = new Exchange(id);
        open.put(id, exchange);
        CompletableFuture<HttpResponse<T>> response = send.apply(info -> exchange.body(handler.apply(info)));
        exchange.sent(response);
        response.whenComplete((r, failure) -> {
            if (failure != null) {
                exchange.ended();
            }
        });
        return response;
    }

    /** Ends the exchange of a request given up on, if it is still open: its connection is closed, not kept. */
    void abandon(Object id) {
        Exchange exchange = open.get(String.valueOf(id));
        if (exchange != null) {
            exchange.abandon();
        }
    }

    /** How many exchanges are open; for tests that prove none is left behind. */
    int openCount() {
        return open.size();
    }

    /** Whether {@code body} is a request's body that was cut off: its end is no interruption of an answer stream. */
    static boolean cutOff(HttpResponse.BodySubscriber<?> body) {
        return body instanceof Body<?> b && b.wasCutOff();
    }

    /** One request's exchange: before its response, a future to cancel; after, a body to cut off. */
    private final class Exchange {
        private final String id;
        private final ReentrantLock lock = new ReentrantLock();
        private CompletableFuture<?> response;
        private Body<?> body;
        private boolean abandoned;

        Exchange(String id) {
            this.id = id;
        }

        void sent(CompletableFuture<?> future) {
            lock.lock();
            try {
                response = future;
                if (abandoned && body == null) {
                    future.cancel(true);
                }
            } finally {
                lock.unlock();
            }
        }

        <T> HttpResponse.BodySubscriber<T> body(HttpResponse.BodySubscriber<T> sdk) {
            Body<T> b = new Body<>(sdk, this);
            lock.lock();
            try {
                body = b;
            } finally {
                lock.unlock();
            }
            return b;
        }

        boolean abandoned() {
            lock.lock();
            try {
                return abandoned;
            } finally {
                lock.unlock();
            }
        }

        void abandon() {
            Body<?> b;
            lock.lock();
            try {
                abandoned = true;
                b = body;
                if (b == null && response != null) {
                    response.cancel(true); // no answer yet: the JDK's client aborts the exchange
                }
            } finally {
                lock.unlock();
            }
            if (b != null) {
                b.cutOff();
            }
        }

        void ended() {
            open.remove(id, this);
        }
    }

    /**
     * The body of a request's response, passed through to the SDK until it is cut off: then its subscription is
     * cancelled (the JDK's client closes the connection) and the SDK hears a plain end, so that it releases the
     * exchange without taking it for a broken connection or an answer stream to resume.
     */
    private static final class Body<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> sdk;
        private final Exchange exchange;
        private final ReentrantLock lock = new ReentrantLock();
        private Flow.Subscription subscription;
        private boolean ended;
        private volatile boolean cut;

        Body(HttpResponse.BodySubscriber<T> sdk, Exchange exchange) {
            this.sdk = sdk;
            this.exchange = exchange;
        }

        @Override
        public CompletionStage<T> getBody() {
            return sdk.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            lock.lock();
            try {
                subscription = s;
            } finally {
                lock.unlock();
            }
            sdk.onSubscribe(s);
            if (exchange.abandoned()) {
                cutOff();
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            lock.lock();
            try {
                if (!ended) {
                    sdk.onNext(item);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (end()) {
                sdk.onError(failure);
            }
        }

        @Override
        public void onComplete() {
            if (end()) {
                sdk.onComplete();
            }
        }

        void cutOff() {
            Flow.Subscription s;
            lock.lock();
            try {
                s = subscription;
            } finally {
                lock.unlock();
            }
            if (s != null && end()) {
                cut = true;
                s.cancel();
                sdk.onComplete();
            }
        }

        boolean wasCutOff() {
            return cut;
        }

        /** Marks the body ended; true for the one caller that ended it. */
        private boolean end() {
            lock.lock();
            try {
                if (ended) {
                    return false;
                }
                ended = true;
            } finally {
                lock.unlock();
            }
            exchange.ended();
            return true;
        }
    }
}
