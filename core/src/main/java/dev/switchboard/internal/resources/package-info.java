/**
 * Resources across servers: gathering every server's resources fresh in one call, reading one by URI, listing
 * templates and prompts, and resolving which server is the authority for an entity. Internal; use the facade
 * {@link dev.switchboard.Switchboard}. Talks to servers only through {@link dev.switchboard.internal.upstream.Upstream#request}
 * and keeps nothing between calls.
 */
package dev.switchboard.internal.resources;
