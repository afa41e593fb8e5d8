/**
 * Amazon SQS: queues (standard and FIFO) and their messages, with AWS's visibility, delay, retention,
 * deduplication, dead-letter and long-polling semantics on the core clock. Other services reach
 * queues only through {@link io.gureum.sqs.QueueTargets}.
 */
package io.gureum.sqs;
