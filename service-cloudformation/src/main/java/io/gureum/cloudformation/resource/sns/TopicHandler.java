package io.gureum.cloudformation.resource.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * {@code AWS::SNS::Topic}, with its inline {@code Subscription} list. {@code Ref} is the topic ARN;
 * {@code Fn::GetAtt} gives {@code TopicArn} and {@code TopicName}, and, as CloudFormation lets it read this type's
 * properties, the topic's attributes and the template's other scalar properties. {@code TopicName} and {@code FifoTopic}
 * replace the topic; attributes, inline subscriptions (added and removed by endpoint and protocol) and tags
 * change in place. A generated FIFO topic name ends with {@code .fifo}.
 */
public final class TopicHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "ArchivePolicy", "ContentBasedDeduplication", "DataProtectionPolicy", "DisplayName", "FifoTopic",
            "KmsMasterKeyId", "SignatureVersion", "Subscription", "Tags", "TopicName", "TracingConfig");

    /** Template property → topic attribute, with the value SNS takes to clear it. */
    private static final Map<String, String> ATTRIBUTES = Map.of("DisplayName", "DisplayName", "KmsMasterKeyId",
            "KmsMasterKeyId", "ContentBasedDeduplication", "ContentBasedDeduplication", "SignatureVersion",
            "SignatureVersion", "TracingConfig", "TracingConfig", "ArchivePolicy", "ArchivePolicy",
            "DataProtectionPolicy", "DataProtectionPolicy");

    @Override
    public String type() {
        return "AWS::SNS::Topic";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TopicName", "FifoTopic");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        SnsClient sns = r.client(SnsClient.class);
        boolean fifo = Boolean.TRUE.equals(r.bool("FifoTopic"));
        String name = r.has("TopicName") ? r.text("TopicName")
                : fifo ? r.generatedName(256 - 5) + ".fifo" : r.generatedName(256);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put("FifoTopic", "true");
        }
        ATTRIBUTES.forEach((property, attribute) -> {
            if (r.has(property)) {
                attributes.put(attribute, Json.text(r.properties(), property));
            }
        });
        String arn = sns.createTopic(b -> b.name(name).attributes(attributes).tags(tags(r))).topicArn();
        for (JsonNode s : subscriptions(r.property("Subscription"))) {
            sns.subscribe(b -> b.topicArn(arn).protocol(Json.text(s, "Protocol")).endpoint(Json.text(s, "Endpoint")));
        }
        return result(sns, arn, r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SnsClient sns = r.client(SnsClient.class);
        String arn = r.physicalId();
        for (String property : r.changedProperties()) {
            String attribute = ATTRIBUTES.get(property);
            if (attribute != null) {
                String v = r.has(property) ? Json.text(r.properties(), property) : "";
                sns.setTopicAttributes(b -> b.topicArn(arn).attributeName(attribute).attributeValue(v));
            }
        }
        if (r.changedProperties().contains("Subscription")) {
            List<JsonNode> before = subscriptions(r.previousProperties().get("Subscription"));
            List<JsonNode> after = subscriptions(r.property("Subscription"));
            sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)).subscriptions().forEach(s -> {
                boolean wasInline = before.stream().anyMatch(x -> same(x, s.protocol(), s.endpoint()));
                boolean stays = after.stream().anyMatch(x -> same(x, s.protocol(), s.endpoint()));
                if (wasInline && !stays && s.subscriptionArn().startsWith("arn:")) {
                    sns.unsubscribe(b -> b.subscriptionArn(s.subscriptionArn()));
                }
            });
            for (JsonNode s : after) {
                if (before.stream().noneMatch(x -> x.equals(s))) {
                    sns.subscribe(b -> b.topicArn(arn).protocol(Json.text(s, "Protocol"))
                            .endpoint(Json.text(s, "Endpoint")));
                }
            }
        }
        if (r.changedProperties().contains("Tags")) {
            List<Tag> now = tags(r);
            List<String> removed = new ArrayList<>(sns.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                    .map(Tag::key).toList());
            removed.removeAll(now.stream().map(Tag::key).toList());
            if (!removed.isEmpty()) {
                sns.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
            }
            sns.tagResource(b -> b.resourceArn(arn).tags(now));
        }
        return result(sns, arn, r);
    }

    @Override
    public void delete(ResourceRequest r) {
        // DeleteTopic is idempotent (SNS API reference); its subscriptions go with it.
        r.client(SnsClient.class).deleteTopic(b -> b.topicArn(r.physicalId()));
    }

    private static boolean same(JsonNode s, String protocol, String endpoint) {
        return Objects.equals(Json.text(s, "Protocol"), protocol) && Objects.equals(Json.text(s, "Endpoint"), endpoint);
    }

    private static List<JsonNode> subscriptions(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    private static List<Tag> tags(ResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    /**
     * {@code TopicArn} and {@code TopicName}, and, as CloudFormation lets {@code Fn::GetAtt} read this type's
     * properties, those SNS reports as topic attributes ({@code DisplayName}, {@code SignatureVersion},
     * {@code FifoTopic} …) and the template's other scalar ones ({@link PropertyAttributes}).
     */
    private static Created result(SnsClient sns, String arn, ResourceRequest r) {
        Created c = Created.of(arn).attribute("TopicArn", arn).attribute("TopicName", arn.substring(arn.lastIndexOf(
                ':') + 1));
        Map<String, String> now = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        for (String name : List.of("DisplayName", "KmsMasterKeyId", "SignatureVersion", "TracingConfig",
                "ContentBasedDeduplication", "FifoTopic", "FifoThroughputScope")) {
            String v = now.get(name);
            if (v != null && !v.isEmpty()) {
                c = c.attribute(name, v);
            }
        }
        return PropertyAttributes.add(c, r);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Map<String, String> a;
        try {
            a = r.client(SnsClient.class).getTopicAttributes(b -> b.topicArn(r.physicalId())).attributes();
        } catch (NotFoundException gone) {
            return null;
        }
        Drift d = new Drift(r).put("TopicName", r.physicalId().substring(r.physicalId().lastIndexOf(':') + 1));
        ATTRIBUTES.forEach((property, attribute) -> d.put(property, a.get(attribute)));
        return d.result();
    }

    @Override
    public boolean retags() {
        return true;
    }

    @Override
    public void retag(ResourceRequest r, List<String> removedKeys) {
        SnsClient sns = r.client(SnsClient.class);
        List<Tag> now = tags(r);
        List<String> removed = new ArrayList<>(removedKeys);
        removed.removeAll(now.stream().map(Tag::key).toList());
        if (!removed.isEmpty()) {
            sns.untagResource(b -> b.resourceArn(r.physicalId()).tagKeys(removed));
        }
        sns.tagResource(b -> b.resourceArn(r.physicalId()).tags(now));
    }
}
