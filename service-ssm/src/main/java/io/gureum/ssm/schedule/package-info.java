/**
 * Maintenance window schedules: {@code cron(...)}, {@code rate(...)} and {@code at(...)} expressions and
 * their next occurrences. A copy of Gureum's EventBridge Scheduler expressions (service-scheduler), which
 * SSM cannot depend on; the two evaluate AWS's six-field cron the same way.
 */
package io.gureum.ssm.schedule;
