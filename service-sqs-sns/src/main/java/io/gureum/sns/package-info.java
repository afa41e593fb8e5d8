/**
 * Amazon SNS: topics (standard and FIFO), subscriptions with filter policies, and fan-out to SQS and Lambda
 * (through in-process {@code SqsClient} and {@code LambdaClient}s acting as {@code sns.amazonaws.com}),
 * HTTP/S (loopback), and recorded email, SMS and mobile push deliveries. Providers: {@link Topics},
 * {@link TopicTags}, {@link TopicPolicies}, {@link Subscriptions}, {@link Publishing},
 * {@link PlatformApplications}, {@link Sms}; other services publish with an in-process {@code SnsClient}.
 */
package io.gureum.sns;
