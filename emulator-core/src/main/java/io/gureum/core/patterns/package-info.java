/**
 * EventBridge's event-pattern language, shared by the services that filter with it: EventBridge's rules and
 * archives, and Lambda's event filtering of event source mappings. {@link io.gureum.core.patterns.EventPattern}
 * parses and validates a pattern as PutRule does, and matches JSON documents against it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
package io.gureum.core.patterns;
