/**
 * Schedule expressions {@code at(…)}, {@code rate(…)} and {@code cron(…)} as EventBridge Scheduler and Systems
 * Manager maintenance windows write them, and the occurrences they give in a time zone
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). Pure functions of an instant: no
 * clock, no state.
 */
package io.gureum.core.schedule;
