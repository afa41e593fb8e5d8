/**
 * Amazon CloudWatch Logs: log groups, log streams and their events (kept in memory), retention on Gureum's clock,
 * the filter pattern matcher of FilterLogEvents, metric and subscription filters, Logs Insights queries (the
 * language is in {@link io.gureum.logs.insights}), export tasks to S3, policies, destinations and the other
 * configuration the API stores, and the {@link io.gureum.core.events.LogEvents} other services publish.
 */
package io.gureum.logs;
