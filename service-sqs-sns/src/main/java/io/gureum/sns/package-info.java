/**
 * Amazon SNS: topics (standard and FIFO), subscriptions with filter policies, and fan-out to SQS (through
 * {@link io.gureum.sqs.QueueTargets}), Lambda (an event on the core bus), HTTP/S (loopback), and
 * recorded email, SMS and mobile push deliveries.
 */
package io.gureum.sns;
