/**
 * Amazon SNS: topics (standard and FIFO), subscriptions with filter policies, and fan-out to SQS and Lambda
 * (through core's {@link io.gureum.core.targets.Targets}), HTTP/S (loopback), and
 * recorded email, SMS and mobile push deliveries.
 */
package io.gureum.sns;
