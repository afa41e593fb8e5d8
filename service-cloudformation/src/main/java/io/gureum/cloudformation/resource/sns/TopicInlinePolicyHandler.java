package io.gureum.cloudformation.resource.sns;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * {@code AWS::SNS::TopicInlinePolicy}: the one policy of one topic. {@code Ref} gives its primary identifier,
 * the topic ARN; there are no {@code Fn::GetAtt} attributes. {@code TopicArn} replaces it; the document changes
 * in place. Delete gives the topic SNS's default policy back.
 */
public final class TopicInlinePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("PolicyDocument", "TopicArn");

    @Override
    public String type() {
        return "AWS::SNS::TopicInlinePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TopicArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        put(r);
        return Created.of(r.requiredText("TopicArn"));
    }

    @Override
    public Created update(ResourceRequest r) {
        put(r);
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r) {
        Served.check(r, SERVED);
        String topic = r.requiredText("TopicArn");
        String policy = Json.document(r.property("PolicyDocument"));
        if (policy == null) {
            r.requiredText("PolicyDocument");
        }
        r.client(SnsClient.class).setTopicAttributes(b -> b.topicArn(topic).attributeName("Policy")
                .attributeValue(policy));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SnsClient.class).setTopicAttributes(b -> b.topicArn(r.physicalId()).attributeName("Policy")
                    .attributeValue(TopicPolicyHandler.defaultPolicy(r.physicalId())));
        } catch (NotFoundException gone) {
            // The topic is gone, and its policy with it.
        }
    }
}
