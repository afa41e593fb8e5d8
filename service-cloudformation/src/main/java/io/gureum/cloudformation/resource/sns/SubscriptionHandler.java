package io.gureum.cloudformation.resource.sns;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * {@code AWS::SNS::Subscription}. {@code Ref} is the subscription ARN; {@code Fn::GetAtt} gives {@code Arn}.
 * {@code TopicArn}, {@code Protocol}, {@code Endpoint} and {@code Region} replace it; the delivery, filter,
 * raw delivery and redrive attributes change in place with SetSubscriptionAttributes.
 */
public final class SubscriptionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "DeliveryPolicy", "Endpoint", "FilterPolicy", "FilterPolicyScope", "Protocol", "RawMessageDelivery",
            "RedrivePolicy", "ReplayPolicy", "SubscriptionRoleArn", "TopicArn");

    private static final String[] ATTRIBUTES = {"DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
        "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy"};

    @Override
    public String type() {
        return "AWS::SNS::Subscription";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TopicArn", "Protocol", "Endpoint", "Region");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            if (r.has(a)) {
                attributes.put(a, Json.text(r.properties(), a));
            }
        }
        String arn = r.client(SnsClient.class).subscribe(b -> b.topicArn(r.requiredText("TopicArn"))
                .protocol(r.requiredText("Protocol")).endpoint(r.text("Endpoint"))
                .attributes(attributes.isEmpty() ? null : attributes).returnSubscriptionArn(true)).subscriptionArn();
        return Created.of(arn).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SnsClient sns = r.client(SnsClient.class);
        for (String a : ATTRIBUTES) {
            if (r.changedProperties().contains(a)) {
                // A removed attribute goes back to SNS's default: an empty filter policy removes it.
                String v = r.has(a) ? Json.text(r.properties(), a) : a.equals("RawMessageDelivery") ? "false"
                        : a.equals("FilterPolicyScope") ? "MessageAttributes" : "";
                sns.setSubscriptionAttributes(b -> b.subscriptionArn(r.physicalId()).attributeName(a).attributeValue(v));
            }
        }
        return Created.of(r.physicalId()).attribute("Arn", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SnsClient.class).unsubscribe(b -> b.subscriptionArn(r.physicalId()));
        } catch (NotFoundException gone) {
            // Already unsubscribed.
        }
    }
}
