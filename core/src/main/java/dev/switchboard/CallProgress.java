package dev.switchboard;

/**
 * One progress report of a running tool call, as the server sent it ({@code notifications/progress}).
 *
 * @param progress how far the call is; grows with every report
 * @param total the value {@code progress} will reach, when the server knows it
 * @param message a human-readable note, when the server sent one
 */
public record CallProgress(double progress, Double total, String message) {
}
