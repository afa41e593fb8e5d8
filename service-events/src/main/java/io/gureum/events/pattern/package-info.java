/**
 * EventBridge's event-pattern language: {@link io.gureum.events.pattern.EventPattern} parses and validates
 * a pattern as PutRule does, and matches events against it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).
 */
package io.gureum.events.pattern;
