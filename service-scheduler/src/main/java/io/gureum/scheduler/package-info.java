/**
 * Amazon EventBridge Scheduler: schedules ({@code at}, {@code rate}, {@code cron} in a time zone) in
 * schedule groups, fired on Gureum's clock through a {@link io.gureum.core.time.DueTimer}, invoking their
 * targets through in-process clients as {@code scheduler.amazonaws.com}, with retries and an SQS
 * dead-letter queue.
 */
package io.gureum.scheduler;
