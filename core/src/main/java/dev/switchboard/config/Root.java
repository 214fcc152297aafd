package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.util.Objects;

/**
 * A root the client offers a server ({@code roots/list}): a {@code file://} URI the server may work in, with an
 * optional human-readable name.
 *
 * @param uri the root's URI, like {@code file:///home/me/project}
 * @param name a name to show for it, or null
 */
public record Root(String uri, String name) {
    public Root {
        Objects.requireNonNull(uri, "uri");
        Check.argument(!uri.isBlank(), "roots[].uri: blank (expected: a URI like file:///home/me/project)");
    }
}
