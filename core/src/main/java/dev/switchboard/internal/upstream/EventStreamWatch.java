package dev.switchboard.internal.upstream;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Passes an event stream's body through to the SDK unchanged, following its event ids and {@code retry:} field, and
 * says how it ended. The SDK lets a dropped legacy SSE stream go unnoticed, never resumes a Streamable HTTP stream,
 * and ignores {@code retry:} (java-sdk #1047): Switchboard acts on what this sees instead.
 *
 * @param beforeError told of an error before the SDK is (which reports it to its exception handler at once)
 * @param onEnd told once, after the SDK, with what was seen and the error (null when the stream closed cleanly)
 */
record EventStreamWatch<T>(HttpResponse.BodySubscriber<T> delegate, Consumer<Throwable> beforeError,
        BiConsumer<SseInterruption.Tracker, Throwable> onEnd, SseInterruption.Tracker tracker)
        implements HttpResponse.BodySubscriber<T> {

    EventStreamWatch(HttpResponse.BodySubscriber<T> delegate, Consumer<Throwable> beforeError,
            BiConsumer<SseInterruption.Tracker, Throwable> onEnd) {
        this(delegate, beforeError, onEnd, new SseInterruption.Tracker());
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        tracker.accept(item);
        delegate.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        beforeError.accept(throwable);
        delegate.onError(throwable);
        onEnd.accept(tracker, throwable);
    }

    @Override
    public void onComplete() {
        delegate.onComplete();
        onEnd.accept(tracker, null);
    }
}
