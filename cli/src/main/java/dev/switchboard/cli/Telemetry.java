package dev.switchboard.cli;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The OpenTelemetry SDK {@code serve} traces with: configured by the standard OpenTelemetry settings (environment
 * variables {@code OTEL_*} or system properties {@code otel.*}), and made only when they ask for traces, so that a
 * gateway nobody configured for tracing never tries to reach a collector.
 */
final class Telemetry {
    /** Any of these says where or how to send traces; without one, nothing is traced. */
    private static final List<String> ASKED_BY = List.of("otel.traces.exporter", "otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint");

    private Telemetry() {
    }

    /** The SDK the settings ask for, or null when they ask for no traces (or disable the SDK). */
    static OpenTelemetrySdk fromSettings(Map<String, String> environment, Properties system) {
        if (ASKED_BY.stream().noneMatch(key -> setting(key, environment, system) != null)
                || "true".equalsIgnoreCase(setting("otel.sdk.disabled", environment, system))) {
            return null;
        }
        // Defaults the user's settings override: traces only (the gateway's /metrics serves the metrics).
        return AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> Map.of(
                "otel.service.name", "switchboard", "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none")).build().getOpenTelemetrySdk();
    }

    private static String setting(String key, Map<String, String> environment, Properties system) {
        String value = system.getProperty(key);
        if (value == null) {
            value = environment.get(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
