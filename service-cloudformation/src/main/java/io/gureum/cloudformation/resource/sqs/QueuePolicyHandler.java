package io.gureum.cloudformation.resource.sqs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::QueuePolicy}: one policy set as the {@code Policy} attribute of each queue URL of
 * {@code Queues}. {@code Ref} and {@code Fn::GetAtt Id} give its generated id. Everything changes in place;
 * a queue left out, and every queue on delete, has its policy removed.
 */
public final class QueuePolicyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "PolicyDocument", "Queues");

    @Override
    public String type() {
        return "AWS::SQS::QueuePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        apply(r, Json.strings(r.property("Queues")));
        String id = r.generatedName(256);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        List<String> now = Json.strings(r.property("Queues"));
        Json.strings(r.previousProperties().get("Queues")).stream().filter(q -> !now.contains(q))
                .forEach(q -> clear(r, q));
        apply(r, now);
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Json.strings(r.property("Queues")).forEach(q -> clear(r, q));
    }

    private static void apply(ResourceRequest r, List<String> queues) {
        String policy = Json.document(r.property("PolicyDocument"));
        SqsClient sqs = r.client(SqsClient.class);
        queues.forEach(q -> sqs.setQueueAttributes(b -> b.queueUrl(q).attributesWithStrings(Map.of("Policy", policy))));
    }

    private static void clear(ResourceRequest r, String queueUrl) {
        try {
            r.client(SqsClient.class).setQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributesWithStrings(Map.of("Policy", "")));
        } catch (QueueDoesNotExistException gone) {
            // The queue is gone, and its policy with it.
        }
    }
}
