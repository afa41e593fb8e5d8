package io.gureum.cloudformation.resource.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::Queue}. {@code Ref} is the queue URL; {@code Fn::GetAtt} gives {@code Arn},
 * {@code QueueName} and {@code QueueUrl} (AWS::SQS::Queue reference, "Return values"), and,
 * as CloudFormation lets {@code Fn::GetAtt} read this type's properties, each property ({@link #result}). Changing
 * {@code QueueName} or {@code FifoQueue} replaces the queue; every other property is set in place with
 * SetQueueAttributes, a removed one going back to SQS's default.
 */
public final class SqsQueueHandler implements ResourceHandler {
    /** Template property → queue attribute, with SQS's default for a property removed on update. */
    private static final Map<String, String[]> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("ContentBasedDeduplication", new String[] {"ContentBasedDeduplication", "false"});
        ATTRIBUTES.put("DeduplicationScope", new String[] {"DeduplicationScope", "queue"});
        ATTRIBUTES.put("DelaySeconds", new String[] {"DelaySeconds", "0"});
        ATTRIBUTES.put("FifoThroughputLimit", new String[] {"FifoThroughputLimit", "perQueue"});
        ATTRIBUTES.put("KmsDataKeyReusePeriodSeconds", new String[] {"KmsDataKeyReusePeriodSeconds", "300"});
        ATTRIBUTES.put("KmsMasterKeyId", new String[] {"KmsMasterKeyId", ""});
        ATTRIBUTES.put("MaximumMessageSize", new String[] {"MaximumMessageSize", "262144"});
        ATTRIBUTES.put("MessageRetentionPeriod", new String[] {"MessageRetentionPeriod", "345600"});
        ATTRIBUTES.put("ReceiveMessageWaitTimeSeconds", new String[] {"ReceiveMessageWaitTimeSeconds", "0"});
        ATTRIBUTES.put("RedriveAllowPolicy", new String[] {"RedriveAllowPolicy", ""});
        ATTRIBUTES.put("RedrivePolicy", new String[] {"RedrivePolicy", ""});
        ATTRIBUTES.put("SqsManagedSseEnabled", new String[] {"SqsManagedSseEnabled", "true"});
        ATTRIBUTES.put("VisibilityTimeout", new String[] {"VisibilityTimeout", "30"});
    }

    @Override
    public String type() {
        return "AWS::SQS::Queue";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("QueueName", "FifoQueue");
    }

    @Override
    public Created create(ResourceRequest r) {
        boolean fifo = Boolean.TRUE.equals(r.bool("FifoQueue"));
        String name = r.text("QueueName");
        if (name == null) {
            // A generated FIFO queue name ends with .fifo, as SQS requires (AWS::SQS::Queue, QueueName).
            name = fifo ? r.generatedName(80 - 5) + ".fifo" : r.generatedName(80);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put("FifoQueue", "true");
        }
        ATTRIBUTES.forEach((property, attr) -> {
            String v = value(r, property);
            if (v != null) {
                attributes.put(attr[0], v);
            }
        });
        SqsClient sqs = r.client(SqsClient.class);
        String queueName = name;
        String url = sqs.createQueue(b -> b.queueName(queueName).attributesWithStrings(attributes)
                .tags(r.tagsWithTemplate("Tags"))).queueUrl();
        return result(sqs, url, r);
    }

    @Override
    public Created update(ResourceRequest r) {
        SqsClient sqs = r.client(SqsClient.class);
        Map<String, String> changed = new LinkedHashMap<>();
        for (String property : r.changedProperties()) {
            String[] attr = ATTRIBUTES.get(property);
            if (attr != null) {
                String v = value(r, property);
                changed.put(attr[0], v == null ? attr[1] : v);
            }
        }
        if (!changed.isEmpty()) {
            sqs.setQueueAttributes(b -> b.queueUrl(r.physicalId()).attributesWithStrings(changed));
        }
        if (r.changedProperties().contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(sqs.listQueueTags(b -> b.queueUrl(r.physicalId())).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                sqs.untagQueue(b -> b.queueUrl(r.physicalId()).tagKeys(removed));
            }
            sqs.tagQueue(b -> b.queueUrl(r.physicalId()).tags(now));
        }
        return result(sqs, r.physicalId(), r);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SqsClient.class).deleteQueue(b -> b.queueUrl(r.physicalId()));
        } catch (QueueDoesNotExistException gone) {
            // Already deleted: the stack's delete goes on, as on AWS.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Map<String, String> attributes;
        try {
            attributes = r.client(SqsClient.class).getQueueAttributes(b -> b.queueUrl(r.physicalId())
                    .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        } catch (QueueDoesNotExistException gone) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode actual =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (r.stack() != null && r.stack().stackId().isEmpty()) {
            return everything(r.physicalId(), attributes, actual);
        }
        r.properties().fieldNames().forEachRemaining(property -> {
            String[] attr = ATTRIBUTES.get(property);
            if (attr != null && attributes.containsKey(attr[0])) {
                JsonNode expected = r.properties().get(property);
                String v = attributes.get(attr[0]);
                actual.set(property, expected.isObject() ? parse(v) : expected.isNumber()
                        ? actual.numberNode(Long.parseLong(v)) : expected.isBoolean()
                                ? actual.booleanNode(Boolean.parseBoolean(v)) : actual.textNode(v));
            }
        });
        return actual;
    }

    /**
     * Read outside any stack (the IaC generator's, whose stack id is empty): the queue's name and
     * every attribute that differs from its default, typed as the template writes it.
     */
    private static JsonNode everything(String url, Map<String, String> attributes,
            com.fasterxml.jackson.databind.node.ObjectNode actual) {
        actual.put("QueueName", url.substring(url.lastIndexOf('/') + 1));
        if ("true".equals(attributes.get("FifoQueue"))) {
            actual.put("FifoQueue", true);
        }
        ATTRIBUTES.forEach((property, attr) -> {
            String v = attributes.get(attr[0]);
            if (v == null || v.equals(attr[1])) {
                return;
            }
            actual.set(property, v.startsWith("{") ? parse(v) : v.matches("\\d+") ? actual.numberNode(Long.parseLong(v))
                    : v.equals("true") || v.equals("false") ? actual.booleanNode(Boolean.parseBoolean(v))
                            : actual.textNode(v));
        });
        return actual;
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(json);
        }
    }

    /** A property as SQS takes it: JSON policies as their text, scalars as written. */
    private static String value(ResourceRequest r, String property) {
        JsonNode v = r.property(property);
        if (v == null) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** An existing queue, by its URL, with the attributes a created one has. */
    @Override
    public Created importResource(ResourceRequest r) {
        try {
            return result(r.client(SqsClient.class), r.physicalId(), null);
        } catch (QueueDoesNotExistException gone) {
            throw new ResourceFailure("Resource with identifier " + r.physicalId() + " does not exist", "NotFound");
        }
    }

    /**
     * {@code Arn}, {@code QueueName} and {@code QueueUrl}, and, as CloudFormation lets {@code Fn::GetAtt} read this
     * type's properties, each property as the queue reports it ({@code VisibilityTimeout} is {@code 30} when the
     * template leaves it out; {@code RedrivePolicy.deadLetterTargetArn} and {@code .maxReceiveCount}), then the
     * template's own ({@link PropertyAttributes}); {@code template} is null for an imported queue.
     */
    private static Created result(SqsClient sqs, String url, ResourceRequest template) {
        Map<String, String> now = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        String arn = now.get("QueueArn");
        Created c = Created.of(url).attribute("Arn", arn)
                .attribute("QueueName", arn.substring(arn.lastIndexOf(':') + 1)).attribute("QueueUrl", url);
        for (Map.Entry<String, String[]> e : ATTRIBUTES.entrySet()) {
            String v = now.get(e.getValue()[0]);
            if (v == null || v.isEmpty()) {
                continue;
            }
            if (e.getKey().equals("RedrivePolicy")) {
                JsonNode policy = parse(v);
                c = c.attribute("RedrivePolicy.deadLetterTargetArn", Json.text(policy, "deadLetterTargetArn"))
                        .attribute("RedrivePolicy.maxReceiveCount", Json.text(policy, "maxReceiveCount"));
            } else if (!e.getKey().equals("RedriveAllowPolicy")) {
                c = c.attribute(e.getKey(), v);
            }
        }
        if ("true".equals(now.get("FifoQueue"))) {
            c = c.attribute("FifoQueue", "true");
        }
        return template == null ? c : PropertyAttributes.add(c, template);
    }

    @Override
    public boolean retags() {
        return true;
    }

    @Override
    public void retag(ResourceRequest r, List<String> removedKeys) {
        SqsClient sqs = r.client(SqsClient.class);
        Map<String, String> now = r.tagsWithTemplate("Tags");
        List<String> removed = removedKeys.stream().filter(k -> !now.containsKey(k)).toList();
        if (!removed.isEmpty()) {
            sqs.untagQueue(b -> b.queueUrl(r.physicalId()).tagKeys(removed));
        }
        sqs.tagQueue(b -> b.queueUrl(r.physicalId()).tags(now));
    }
}
