package dev.switchboard;

import dev.switchboard.internal.engine.Engine;

/** The engine behind a facade, for tests that look below the public API. */
public final class EngineOf {
    private EngineOf() {
    }

    public static Engine engine(Switchboard sb) {
        return sb.engine();
    }
}
