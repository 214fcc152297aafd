package dev.switchboard.internal.upstream;

/** Switchboard's own version, as it introduces itself to servers. */
public final class Version {
    public static final String TEXT = read();

    private Version() {
    }

    private static String read() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
