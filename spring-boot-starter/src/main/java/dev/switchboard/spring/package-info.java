/**
 * Spring Boot auto-configuration of Switchboard: the {@link dev.switchboard.Switchboard} bean, its Actuator health,
 * its Micrometer meters and its tools as Spring AI tool callbacks. See {@code docs/integrations.md}.
 */
package dev.switchboard.spring;
