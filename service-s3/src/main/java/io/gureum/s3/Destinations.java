package io.gureum.s3;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queues, topics and functions S3 notifies, reached as AWS reaches them: S3's service principal
 * calls the destination's own API (SQS {@code SendMessage}, SNS {@code Publish}, Lambda's asynchronous
 * {@code Invoke}) in the destination's account and region, on behalf of the bucket (its ARN is the
 * call's source ARN). An API this server does not serve has no destinations.
 */
final class Destinations {
    private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);
    /** The principal S3 calls other services as. */
    static final String PRINCIPAL = "s3.amazonaws.com";
    /** The subject SNS shows for the messages S3 publishes. */
    static final String SUBJECT = "Amazon S3 Notification";

    /** The kinds of destination a notification configuration names. */
    enum Kind {
        QUEUE("sqs", SqsClient.class), TOPIC("sns", SnsClient.class), FUNCTION("lambda", LambdaClient.class);

        final String service;
        final Class<?> client;

        Kind(String service, Class<?> client) {
            this.service = service;
            this.client = client;
        }
    }

    private final ServiceClients clients;

    Destinations(ServiceClients clients) {
        this.clients = clients;
    }

    /**
     * Whether the destination exists, asked of its API as the bucket: the queue's URL, the topic's
     * attributes, the function. Any refusal (not found, access denied, not implemented) means S3 cannot
     * validate it.
     */
    boolean exists(Kind kind, String destinationArn, String bucketArn) {
        Arn arn = parse(kind, destinationArn);
        if (arn == null || !clients.serves(kind.client)) {
            return false;
        }
        if (kind != Kind.FUNCTION && arn.resource().endsWith(".fifo")) {
            // FIFO queues and topics are no notification destinations (AWS::S3::Bucket QueueConfiguration,
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
            return false;
        }
        Caller caller = Caller.service(PRINCIPAL, arn.accountId(), arn.region(), bucketArn);
        try {
            switch (kind) {
                case QUEUE -> queueUrl(clients.client(SqsClient.class, caller), arn);
                case TOPIC -> clients.client(SnsClient.class, caller)
                        .getTopicAttributes(b -> b.topicArn(destinationArn));
                case FUNCTION -> clients.client(LambdaClient.class, caller)
                        .getFunction(b -> b.functionName(destinationArn));
                default -> throw new IllegalArgumentException(kind.name());
            }
            return true;
        } catch (SdkServiceException refused) {
            return false;
        }
    }

    /**
     * Hands an event to the destination; what it refuses (a queue deleted since, a message too large, a
     * function whose policy does not allow S3) is dropped and logged, as AWS drops it.
     */
    void send(Kind kind, String destinationArn, String bucketArn, String body) {
        Arn arn = parse(kind, destinationArn);
        if (arn == null || !clients.serves(kind.client)) {
            LOG.warn("Notification from {} to {} dropped: no such destination", bucketArn, destinationArn);
            return;
        }
        Caller caller = Caller.service(PRINCIPAL, arn.accountId(), arn.region(), bucketArn);
        try {
            switch (kind) {
                case QUEUE -> {
                    SqsClient sqs = clients.client(SqsClient.class, caller);
                    String url = queueUrl(sqs, arn);
                    sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                }
                case TOPIC -> clients.client(SnsClient.class, caller)
                        .publish(b -> b.topicArn(destinationArn).subject(SUBJECT).message(body));
                case FUNCTION -> clients.client(LambdaClient.class, caller).invoke(b -> b.functionName(destinationArn)
                        .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(body)));
                default -> throw new IllegalArgumentException(kind.name());
            }
        } catch (SdkServiceException refused) {
            LOG.warn("Notification from {} to {} dropped: {}", bucketArn, destinationArn, refused.getMessage());
        }
    }

    /** The URL of the queue an ARN names, looked up in the queue owner's account. */
    private static String queueUrl(SqsClient sqs, Arn arn) {
        return sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId())).queueUrl();
    }

    /** The destination ARN, or null when it is no ARN of the kind's service. */
    private static Arn parse(Kind kind, String text) {
        try {
            Arn arn = Arn.parse(text);
            return arn.service().equals(kind.service) && !arn.accountId().isEmpty() && !arn.region().isEmpty()
                    ? arn : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
