package io.gureum.cloudformation.resource.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * {@code AWS::SNS::TopicPolicy}: one policy set as the {@code Policy} attribute of each of {@code Topics}.
 * {@code Ref} and {@code Fn::GetAtt Id} give its generated id. Everything changes in place; a topic left
 * out, and every topic on delete, gets SNS's default policy back (the owner-only policy a new topic has).
 */
public final class TopicPolicyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "PolicyDocument", "Topics");

    @Override
    public String type() {
        return "AWS::SNS::TopicPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        apply(r, Json.strings(r.property("Topics")));
        String id = r.generatedName(256);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        List<String> now = Json.strings(r.property("Topics"));
        Json.strings(r.previousProperties().get("Topics")).stream().filter(t -> !now.contains(t))
                .forEach(t -> reset(r, t));
        apply(r, now);
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Json.strings(r.property("Topics")).forEach(t -> reset(r, t));
    }

    private static void apply(ResourceRequest r, List<String> topics) {
        String policy = Json.document(r.property("PolicyDocument"));
        SnsClient sns = r.client(SnsClient.class);
        topics.forEach(t -> sns.setTopicAttributes(b -> b.topicArn(t).attributeName("Policy").attributeValue(policy)));
    }

    private static void reset(ResourceRequest r, String topicArn) {
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
