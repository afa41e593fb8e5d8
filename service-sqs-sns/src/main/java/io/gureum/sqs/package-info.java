/**
 * Amazon SQS: queues (standard and FIFO) and their messages, with AWS's visibility, delay, retention,
 * deduplication, dead-letter and long-polling semantics on the core clock. Other services send with an
 * in-process {@code SqsClient}, whose principal sets the message's {@code SenderId}; Lambda's event
 * source mappings poll with an in-process ReceiveMessage like any consumer.
 */
package io.gureum.sqs;
