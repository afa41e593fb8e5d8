package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.RegisteredResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.DeleteTopicRequest;
import software.amazon.awssdk.services.sns.model.DeleteTopicResponse;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * Topics: create (idempotent), delete (with their subscriptions), list and attributes; tags are
 * {@link TopicTags}', policies {@link TopicPolicies}'. See https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
final class Topics {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");
    static final Set<String> SETTABLE = Set.of("DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId",
            "SignatureVersion", "TracingConfig", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate",
            "ApplicationFailureFeedbackRoleArn", "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate",
            "FirehoseFailureFeedbackRoleArn");
    private static final String DEFAULT_EFFECTIVE_DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":"
            + "{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,"
            + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
            + "\"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":"
            + "\"text/plain; charset=UTF-8\"}}}";

    private final ServiceContext context;
    private final SnsStore store;

    Topics(ServiceContext context, SnsStore store) {
        this.context = context;
        this.store = store;
    }

    Topic require(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw SnsErrors.invalidParameter("TopicArn");
        }
        if (SnsStore.parse(arn) == null) {
            throw SnsErrors.invalidParameter("TopicArn");
        }
        Topic t = store.topic(arn);
        if (t == null) {
            throw SnsErrors.topicNotFound();
        }
        return t;
    }

    public CreateTopicResponse createTopic(CreateTopicRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.tags() != null) {
            for (Tag t : request.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>(request.attributes());
        if (request.dataProtectionPolicy() != null) {
            attributes.put("DataProtectionPolicy", request.dataProtectionPolicy());
        }
        return CreateTopicResponse.builder().topicArn(create(request.name(), attributes, tags)).build();
    }

    private String create(String name, Map<String, String> attributes, Map<String, String> tags) {
        RequestContext ctx = RequestContext.current();
        if (name == null || name.isEmpty()) {
            throw SnsErrors.invalidParameter("Topic Name");
        }
        Map<String, String> given = attributes == null ? Map.of() : attributes;
        boolean fifo = "true".equalsIgnoreCase(given.get("FifoTopic"));
        if (fifo ? !FIFO_NAME.matcher(name).matches() : !NAME.matcher(name).matches()) {
            throw SnsErrors.invalidParameter(fifo ? "Fifo Topic names must end with .fifo and must be made up of "
                    + "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be "
                    + "between 1 and 256 characters long." : "Topic Name");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey().equals("FifoTopic")) {
                continue;
            }
            values.put(e.getKey(), validate(e.getKey(), e.getValue(), fifo));
        }
        if (tags != null && tags.size() > 50) {
            throw SnsErrors.tagLimit();
        }
        Arn arn = Arn.of("sns", ctx.region(), ctx.accountId(), name);
        SnsStore.Region scope = store.region(ctx.accountId(), ctx.region());
        synchronized (scope) {
            Topic existing = scope.topics.get(arn.toString());
            if (existing != null) {
                Map<String, String> current = existing.attributes();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    if (!java.util.Objects.equals(current.get(e.getKey()), e.getValue())) {
                        throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different "
                                + "attributes");
                    }
                }
                if (tags != null && !tags.isEmpty() && !tags.equals(tags(existing))) {
                    throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
                }
                return existing.arnText;
            }
            Map<String, String> initial = new LinkedHashMap<>();
            initial.put("Policy", defaultPolicy(arn.toString(), ctx.accountId()));
            initial.put("DisplayName", "");
            if (fifo) {
                initial.put("ContentBasedDeduplication", "false");
            }
            initial.putAll(values);
            Topic t = new Topic(arn, name, fifo, initial, context.clock().now().toEpochMilli());
            context.registry().register(ctx.accountId(), ctx.region(), "sns", name, arn);
            if (tags != null && !tags.isEmpty()) {
                context.registry().tag(arn, tags);
            }
            scope.topics.put(t.arnText, t);
            return t.arnText;
        }
    }

    private static String validate(String name, String value, boolean fifo) {
        if (!SETTABLE.contains(name) && !name.equals("DataProtectionPolicy")) {
            throw SnsErrors.invalidParameter("AttributeName");
        }
        if ((name.equals("ContentBasedDeduplication") || name.equals("FifoThroughputScope")
                || name.equals("ArchivePolicy") && value != null && !value.isEmpty()) && !fifo) {
            throw SnsErrors.invalidParameter("Attributes Reason: " + name + " is only valid for FIFO topics");
        }
        String v = value == null ? "" : value;
        switch (name) {
            case "ContentBasedDeduplication" -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: ContentBasedDeduplication must be true or false");
                }
                return v.toLowerCase(java.util.Locale.ROOT);
            }
            case "SignatureVersion" -> {
                if (!v.equals("1") && !v.equals("2")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: SignatureVersion must be 1 or 2");
                }
            }
            case "TracingConfig" -> {
                if (!v.equals("PassThrough") && !v.equals("Active")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: TracingConfig must be PassThrough or Active");
                }
            }
            case "FifoThroughputScope" -> {
                if (!v.equals("Topic") && !v.equals("MessageGroup")) {
                    throw SnsErrors.invalidParameter("Attributes Reason: FifoThroughputScope must be Topic or MessageGroup");
                }
            }
            case "ArchivePolicy" -> MessageArchive.retentionDays(v);
            case "Policy", "DeliveryPolicy" -> {
                if (!v.isEmpty()) {
                    requireJson(name, v);
                }
            }
            case "DataProtectionPolicy" -> {
                if (!v.isEmpty()) {
                    requireDataProtectionPolicy(v);
                }
            }
            case "DisplayName" -> {
                if (v.length() > 100) {
                    throw SnsErrors.invalidParameter("DisplayName");
                }
            }
            default -> {
                // stored as given
            }
        }
        return v;
    }

    /** A data protection policy SNS can apply ({@link DataProtection}), else InvalidParameter with the reason. */
    static void requireDataProtectionPolicy(String policy) {
        requireJson("DataProtectionPolicy", policy);
        try {
            DataProtection.parse(policy);
        } catch (IllegalArgumentException e) {
            throw SnsErrors.invalidParameter("DataProtectionPolicy Reason: " + e.getMessage());
        }
    }

    static JsonNode requireJson(String name, String value) {
        try {
            JsonNode n = FilterPolicy.JSON.readTree(value);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // falls through
        }
        throw SnsErrors.invalidParameter("Attributes Reason: " + name + ": failed to parse JSON");
    }

    static String defaultPolicy(String topicArn, String account) {
        ObjectNode p = FilterPolicy.JSON.createObjectNode();
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

    public DeleteTopicResponse deleteTopic(DeleteTopicRequest request) {
        delete(request.topicArn());
        return DeleteTopicResponse.builder().build();
    }

    private void delete(String arn) {
        if (arn == null || SnsStore.parse(arn) == null) {
            throw SnsErrors.invalidParameter("TopicArn");
        }
        Topic t = store.topic(arn);
        if (t == null) {
            return; // idempotent, as AWS documents
        }
        SnsStore.Region scope = store.region(t.account, t.region);
        synchronized (scope) {
            if (scope.topics.remove(arn) != null) {
                context.registry().unregister(t.arn);
            }
            for (Subscription s : t.subscriptions) {
                s.deleted = true;
                scope.subscriptions.remove(s.arn);
            }
            t.subscriptions.clear();
        }
    }

    public ListTopicsResponse listTopics(ListTopicsRequest request) {
        Pages.Page<String> page = Pages.page(list(), request.nextToken(), a -> a);
        return ListTopicsResponse.builder().topics(page.items().stream()
                .map(a -> software.amazon.awssdk.services.sns.model.Topic.builder().topicArn(a).build()).toList())
                .nextToken(page.next()).build();
    }

    private List<String> list() {
        RequestContext ctx = RequestContext.current();
        List<String> arns = new ArrayList<>(store.region(ctx.accountId(), ctx.region()).topics.keySet());
        arns.sort(null);
        return arns;
    }

    public GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest request) {
        return GetTopicAttributesResponse.builder().attributes(attributes(require(request.topicArn()))).build();
    }

    public SetTopicAttributesResponse setTopicAttributes(SetTopicAttributesRequest request) {
        setAttribute(require(request.topicArn()), request.attributeName(), request.attributeValue());
        return SetTopicAttributesResponse.builder().build();
    }

    Map<String, String> attributes(Topic t) {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> stored = t.attributes();
        a.put("TopicArn", t.arnText);
        a.put("Owner", t.account);
        long confirmed = t.subscriptions.stream().filter(s -> s.confirmed).count();
        a.put("SubscriptionsConfirmed", Long.toString(confirmed));
        a.put("SubscriptionsPending", Long.toString(t.subscriptions.size() - confirmed));
        a.put("SubscriptionsDeleted", Integer.toString(t.subscriptionsDeleted));
        String delivery = stored.get("DeliveryPolicy");
        a.put("EffectiveDeliveryPolicy", delivery != null ? delivery : DEFAULT_EFFECTIVE_DELIVERY_POLICY);
        stored.forEach((k, v) -> {
            if (!k.equals("DataProtectionPolicy")) {
                a.put(k, v);
            }
        });
        if (t.fifo) {
            a.put("FifoTopic", "true");
        }
        java.time.Instant beginning = t.archive.beginning(context.clock().now().toEpochMilli());
        if (beginning != null) {
            a.put("BeginningArchiveTime", beginning.toString());
        }
        return a;
    }

    private void setAttribute(Topic t, String name, String value) {
        if (name == null || name.isEmpty()) {
            throw SnsErrors.invalidParameter("AttributeName");
        }
        if (name.equals("FifoTopic") || name.equals("DataProtectionPolicy")) {
            throw SnsErrors.invalidParameter("AttributeName");
        }
        String v = validate(name, value, t.fifo);
        synchronized (t) { // with the topic's publishes: a message is archived under the policy it was published under
            t.setAttribute(name, v);
            if (name.equals("ArchivePolicy")) {
                t.archive.configure(MessageArchive.retentionDays(v), context.clock().now().toEpochMilli());
            }
        }
    }

    Map<String, String> tags(Topic t) {
        return context.registry().byArn(t.arn).map(RegisteredResource::tags).orElse(Map.of());
    }
}
