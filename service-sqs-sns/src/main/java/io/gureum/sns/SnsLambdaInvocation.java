package io.gureum.sns;

/**
 * Published on the core {@link io.gureum.core.events.EventBus} when SNS delivers to a Lambda
 * subscription: the function ARN and the event payload (a {@code Records[].Sns} document). A Lambda
 * service invokes the function asynchronously on it; until one exists the delivery is only recorded.
 */
public record SnsLambdaInvocation(String functionArn, String subscriptionArn, String payload) {
}
