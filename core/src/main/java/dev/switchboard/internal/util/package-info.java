/**
 * Small helpers every other package may use: argument checks and "did you mean" suggestions. A leaf: it depends on
 * nothing but {@code java.*}, so that the configuration model can use it without a cycle through the engine.
 */
package dev.switchboard.internal.util;
