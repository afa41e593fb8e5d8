package io.gureum.cloudformation.resource.sqs;

import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.PolicyOnTargetsHandler;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::QueuePolicy}: one policy set as the {@code Policy} attribute of each queue URL of
 * {@code Queues}; a queue left out, and every queue on delete, has its policy removed.
 */
public final class QueuePolicyHandler extends PolicyOnTargetsHandler {

    public QueuePolicyHandler() {
        super("AWS::SQS::QueuePolicy", "Queues");
    }

    @Override
    protected void put(ResourceRequest r, String queueUrl, String policy) {
        r.client(SqsClient.class).setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributesWithStrings(Map.of("Policy", policy)));
    }

    @Override
    protected void remove(ResourceRequest r, String queueUrl) {
        try {
            r.client(SqsClient.class).setQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributesWithStrings(Map.of("Policy", "")));
        } catch (QueueDoesNotExistException gone) {
            // The queue is gone, and its policy with it.
        }
    }
}
