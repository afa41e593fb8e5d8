/**
 * Scheduled rules: {@code rate(…)} and AWS's six-field {@code cron(…)} expressions
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html), parsed and
 * validated as PutRule does, and the next time each fires.
 */
package io.gureum.events.schedule;
