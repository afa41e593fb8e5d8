/**
 * Amazon SQS: queues (standard and FIFO) and their messages, with AWS's visibility, delay, retention,
 * deduplication, dead-letter and long-polling semantics on the core clock. Other services reach
 * queues only through core's {@link io.gureum.core.targets.Targets} ({@code QueueTarget}).
 */
package io.gureum.sqs;
