package io.gureum.cloudformation.resource.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.PolicyOnTargetsHandler;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * {@code AWS::SNS::TopicPolicy}: one policy set as the {@code Policy} attribute of each of {@code Topics}; a
 * topic left out, and every topic on delete, gets SNS's default policy back (the owner-only policy a new topic
 * has).
 */
public final class TopicPolicyHandler extends PolicyOnTargetsHandler {

    public TopicPolicyHandler() {
        super("AWS::SNS::TopicPolicy", "Topics");
    }

    @Override
    protected void put(ResourceRequest r, String topicArn, String policy) {
        r.client(SnsClient.class).setTopicAttributes(b -> b.topicArn(topicArn).attributeName("Policy")
                .attributeValue(policy));
    }

    @Override
    protected void remove(ResourceRequest r, String topicArn) {
        try {
            r.client(SnsClient.class).setTopicAttributes(b -> b.topicArn(topicArn).attributeName("Policy")
                    .attributeValue(defaultPolicy(topicArn)));
        } catch (NotFoundException gone) {
            // The topic is gone, and its policy with it.
        }
    }

    /** The policy SNS gives a new topic: the owner's account may use it (SNS developer guide). */
    static String defaultPolicy(String topicArn) {
        String account = topicArn.split(":")[4];
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("Version", "2008-10-17");
        p.put("Id", "__default_policy_ID");
        ObjectNode s = p.putArray("Statement").addObject();
        s.put("Sid", "__default_statement_ID");
        s.put("Effect", "Allow");
        s.putObject("Principal").put("AWS", "*");
        ArrayNode actions = s.putArray("Action");
        for (String a : List.of("GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission",
                "DeleteTopic", "Subscribe", "ListSubscriptionsByTopic", "Publish")) {
            actions.add("SNS:" + a);
        }
        s.put("Resource", topicArn);
        s.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", account);
        return p.toString();
    }

}
