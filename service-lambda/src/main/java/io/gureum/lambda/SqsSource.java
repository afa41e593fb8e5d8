package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The queue of an SQS event source mapping, as Lambda's pollers see it: SQS's public ReceiveMessage and
 * DeleteMessage, called in-process as {@code lambda.amazonaws.com} for the mapping (Lambda polls with
 * the function's execution role in AWS; https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html).
 */
final class SqsSource {
    static final String PRINCIPAL = "lambda.amazonaws.com";

    /** A received message as an event source mapping hands it to a function. */
    record Received(String messageId, String receiptHandle, String body, String md5OfBody,
            Map<String, String> attributes, Map<String, Attribute> messageAttributes, String md5OfMessageAttributes,
            String eventSourceArn) {
    }

    /** A message attribute: data type and value (string or binary). */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;

    private SqsSource(SqsClient sqs, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    /** The queue with this ARN, or empty when SQS is not served or the queue does not exist. */
    static Optional<SqsSource> of(ServiceContext context, String queueArn, String mappingArn) {
        if (!context.clients().serves(SqsClient.class)) {
            return Optional.empty();
        }
        Arn arn = Arn.parse(queueArn);
        SqsClient sqs = context.clients().client(SqsClient.class,
                Caller.service(PRINCIPAL, arn.accountId(), arn.region(), mappingArn));
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId()))
                    .queueUrl();
            return Optional.of(new SqsSource(sqs, url, queueArn));
        } catch (AwsServiceException missing) {
            return Optional.empty();
        }
    }

    boolean fifo() {
        return queueArn.endsWith(".fifo");
    }

    /** Up to {@code max} messages (1–10), without waiting, with all system and message attributes. */
    List<Received> receive(int max) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        List<Received> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((name, v) -> attributes.put(name, new Attribute(v.dataType(),
                    v.stringValue(), v.binaryValue() == null ? null : v.binaryValue().asByteArray())));
            Map<String, String> system = new LinkedHashMap<>();
            m.attributesAsStrings().forEach(system::put);
            out.add(new Received(m.messageId(), m.receiptHandle(), m.body(), m.md5OfBody(), system, attributes,
                    m.md5OfMessageAttributes(), queueArn));
        }
        return out;
    }

    /** Deletes a processed message; a handle that no longer applies is ignored, as for any consumer. */
    void delete(String receiptHandle) {
        try {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle));
        } catch (AwsServiceException staleOrGone) {
            // the queue was deleted or purged, or the message received again meanwhile
        }
    }
}
