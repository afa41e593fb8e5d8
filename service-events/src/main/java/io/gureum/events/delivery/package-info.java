/**
 * How a matched event reaches a rule's target: the envelope, the target's input (Input, InputPath,
 * InputTransformer), the call to SQS, SNS, Lambda, CloudWatch Logs or another bus through in-process clients
 * as {@code events.amazonaws.com}, and retries on the clock with the dead-letter queue
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-event-delivery.html).
 */
package io.gureum.events.delivery;
