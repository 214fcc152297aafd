package dev.switchboard.cli;

import dev.switchboard.config.GatewaySettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --listen} address: {@code HOST:PORT}, {@code [::1]:PORT}, {@code :PORT} or {@code PORT} (loopback).
 * An address beyond loopback is checked when the gateway starts: it needs tokens, or {@code --insecure}.
 */
record ListenAddress(String host, int port) {
    private static final String EXPECTED = "HOST:PORT, :PORT or PORT, e.g. 127.0.0.1:7700; 0 picks a free port";

    GatewaySettings applyTo(GatewaySettings settings) {
        return settings.toBuilder().host(host).port(port).build();
    }

    static ListenAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' has no port number (expected: " + EXPECTED + ")");
        }
        ListenAddress address = new ListenAddress(host, number);
        try {
            address.applyTo(GatewaySettings.DEFAULT); // the configuration's rules for a host and a port
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage().replaceFirst("^gateway\\.listen: ", ""));
        }
        return address;
    }

    /** The picocli converter. */
    static final class Converter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            return parse(value);
        }
    }
}
