package io.gureum.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One call of a {@link ResourceHandler}: which resource of which stack, its resolved properties, and the
 * in-process clients to act through.
 *
 * @param logicalId the resource's name in the template ({@code MyQueue})
 * @param type the resource type ({@code AWS::SQS::Queue})
 * @param properties the resolved properties (an object, empty when the template gives none); on delete,
 *     those of the last successful create or update
 * @param previousProperties on update, the properties the resource has now; null otherwise
 * @param physicalId the resource's id ({@code Ref}'s value); null on create
 * @param attributes the {@code Fn::GetAtt} attributes the last create or update returned; empty on create
 * @param stack the stack acting, with its account and region
 * @param caller whom in-process calls act as: the stack's service role, else the principal that called
 *     CreateStack/UpdateStack/DeleteStack, in the stack's account and region
 * @param clients in-process SDK clients of the APIs this server serves
 * @param tags the tags to apply: {@code aws:cloudformation:stack-name}, {@code aws:cloudformation:stack-id},
 *     {@code aws:cloudformation:logical-id}, then the stack's own tags
 * @param nameSuffix the random part of {@link #generatedName}, fixed for the resource (a replacement gets a
 *     new one)
 * @param requestToken the token of the stack operation, for AWS-style failure reasons
 */
public record ResourceRequest(
        String logicalId,
        String type,
        JsonNode properties,
        JsonNode previousProperties,
        String physicalId,
        Map<String, JsonNode> attributes,
        Stack stack,
        Caller caller,
        ServiceClients clients,
        List<ResourceTag> tags,
        String nameSuffix,
        String requestToken) {

    /** The stack a resource belongs to. */
    public record Stack(String stackName, String stackId, String accountId, String region) {
    }

    /** The tag keys CloudFormation itself applies; services refusing {@code aws:} keys see {@link #stackTags()}. */
    public static final String STACK_NAME_TAG = "aws:cloudformation:stack-name";

    public static final String STACK_ID_TAG = "aws:cloudformation:stack-id";
    public static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";

    public ResourceRequest {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An in-process client of {@code clientInterface} ({@code SqsClient.class}) acting as {@link #caller()}. */
    public <T> T client(Class<T> clientInterface) {
        return clients.client(clientInterface, caller);
    }

    /** Whether the template gives {@code name} (a resolved {@code AWS::NoValue} is absent). */
    public boolean has(String name) {
        JsonNode v = properties.get(name);
        return v != null && !v.isNull();
    }

    /** A property, or null when absent. */
    public JsonNode property(String name) {
        JsonNode v = properties.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** A scalar property as text (numbers and booleans as written), or null when absent. */
    public String text(String name) {
        JsonNode v = property(name);
        return v == null ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A required scalar property as text: a {@link ResourceFailure} when absent, worded as AWS words it. */
    public String requiredText(String name) {
        String v = text(name);
        if (v == null) {
            throw new ResourceFailure("Properties validation failed for resource " + logicalId
                    + " with message: #: required key [" + name + "] not found");
        }
        return v;
    }

    /** An integer property given as a number or a string ({@code "30"}), or null when absent. */
    public Integer integer(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new ResourceFailure("Properties validation failed for resource " + logicalId
                    + " with message: #/" + name + ": expected type: Integer, found: String");
        }
    }

    /** A boolean property given as a boolean or a string ({@code "true"}), or null when absent. */
    public Boolean bool(String name) {
        String v = text(name);
        return v == null ? null : Boolean.valueOf(v.trim().toLowerCase(Locale.ROOT));
    }

    /** The top-level property names added, removed or changed between {@link #previousProperties()} and now. */
    public Set<String> changedProperties() {
        Set<String> changed = new LinkedHashSet<>();
        if (previousProperties == null) {
            return changed;
        }
        Set<String> names = new LinkedHashSet<>();
        previousProperties.fieldNames().forEachRemaining(names::add);
        properties.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (!Objects.equals(previousProperties.get(n), properties.get(n))) {
                changed.add(n);
            }
        }
        return changed;
    }

    /** The stack's own tags, without the {@code aws:cloudformation:*} ones. */
    public List<ResourceTag> stackTags() {
        List<ResourceTag> own = new ArrayList<>();
        for (ResourceTag t : tags) {
            if (!t.key().startsWith("aws:")) {
                own.add(t);
            }
        }
        return own;
    }

    /**
     * The stack's own tags ({@link #stackTags()}), then the template's {@code Tags} (template tags win on equal
     * keys): for services that refuse {@code aws:} keys.
     */
    public Map<String, String> stackTagsWithTemplate() {
        Map<String, String> map = new LinkedHashMap<>();
        stackTags().forEach(t -> map.put(t.key(), t.value()));
        JsonNode list = property("Tags");
        if (list != null) {
            list.forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText("")));
        }
        return map;
    }

    /** {@link #tags()} as a map, in order. */
    public Map<String, String> tagMap() {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    /**
     * The tags the template gives in the property {@code Tags} as a list of {@code {Key, Value}}, followed
     * by {@link #tags()} (template tags win on equal keys, as on AWS).
     */
    public Map<String, String> tagsWithTemplate(String property) {
        Map<String, String> map = tagMap();
        JsonNode list = property(property);
        if (list != null && list.isArray()) {
            for (Iterator<JsonNode> it = list.elements(); it.hasNext();) {
                JsonNode t = it.next();
                if (t.hasNonNull("Key")) {
                    map.put(t.get("Key").asText(), t.path("Value").asText(""));
                }
            }
        }
        return map;
    }

    /**
     * The name AWS generates for a resource whose template names none: {@code <stack>-<logicalId>-<SUFFIX>}
     * cut to {@code maxLength}, shortening the stack name and logical id first so the random suffix stays
     * whole (AWS's "Name type" page).
     */
    public String generatedName(int maxLength) {
        String suffix = nameSuffix;
        int room = maxLength - suffix.length() - 2;
        String s = stack.stackName();
        String l = logicalId;
        if (s.length() + l.length() > room) {
            int half = Math.max(room / 2, 1);
            if (s.length() > half && l.length() > room - half) {
                s = s.substring(0, half);
                l = l.substring(0, Math.max(room - half, 0));
            } else if (s.length() > half) {
                s = s.substring(0, Math.max(room - l.length(), 0));
            } else {
                l = l.substring(0, Math.max(room - s.length(), 0));
            }
        }
        return s + "-" + l + "-" + suffix;
    }

    /** {@link #generatedName(int)} in lower case, for names AWS requires in lower case (S3 buckets). */
    public String generatedLowerCaseName(int maxLength) {
        return generatedName(maxLength).toLowerCase(Locale.ROOT);
    }

    /** The ARN partition of the stack's region. */
    public String partition() {
        String r = stack.region();
        return r.startsWith("cn-") ? "aws-cn" : r.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
