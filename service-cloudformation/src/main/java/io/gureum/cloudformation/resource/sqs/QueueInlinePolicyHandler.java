package io.gureum.cloudformation.resource.sqs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::QueueInlinePolicy}: the one policy of one queue. {@code Ref} gives its primary identifier,
 * the queue URL ({@code Queue}); there are no {@code Fn::GetAtt} attributes. {@code Queue} replaces it; the
 * document changes in place. Delete removes the queue's policy.
 */
public final class QueueInlinePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("PolicyDocument", "Queue");

    @Override
    public String type() {
        return "AWS::SQS::QueueInlinePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Queue");
    }

    @Override
    public Created create(ResourceRequest r) {
        put(r);
        return Created.of(r.requiredText("Queue"));
    }

    @Override
    public Created update(ResourceRequest r) {
        put(r);
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r) {
        Served.check(r, SERVED);
        String queue = r.requiredText("Queue");
        String policy = Json.document(r.property("PolicyDocument"));
        if (policy == null) {
            r.requiredText("PolicyDocument");
        }
        r.client(SqsClient.class).setQueueAttributes(b -> b.queueUrl(queue)
                .attributesWithStrings(Map.of("Policy", policy)));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SqsClient.class).setQueueAttributes(b -> b.queueUrl(r.physicalId())
                    .attributesWithStrings(Map.of("Policy", "")));
        } catch (QueueDoesNotExistException gone) {
            // The queue is gone, and its policy with it.
        }
    }
}
