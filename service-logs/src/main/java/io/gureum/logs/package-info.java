/**
 * Amazon CloudWatch Logs: log groups, log streams and their events (kept in memory), retention on
 * Gureum's clock, filter patterns, and the {@link io.gureum.core.events.LogEvents} other services publish.
 */
package io.gureum.logs;
