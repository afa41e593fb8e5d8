package io.gureum.cloudformation.resource.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.ResourceTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the EC2 handlers share: tags, not-found tolerance, property lists. */
final class Ec2Support {
    private Ec2Support() {
    }

    static Ec2Client ec2(ResourceRequest r) {
        return r.client(Ec2Client.class);
    }

    /**
     * The tags an EC2 resource gets: the {@code aws:cloudformation:*} tags and the stack's own, then the
     * template's {@code Tags}. EC2 accepts the {@code aws:cloudformation:} keys only from a call acting
     * for a stack (the caller's source ARN, see {@code Engine.callerOf}).
     */
    static Map<String, String> tags(ResourceRequest r) {
        Map<String, String> map = new LinkedHashMap<>();
        for (ResourceTag t : r.tags()) {
            map.put(t.key(), t.value());
        }
        JsonNode list = r.property("Tags");
        if (list != null) {
            for (JsonNode t : list) {
                if (t.hasNonNull("Key")) {
                    map.put(t.get("Key").asText(), t.path("Value").asText(""));
                }
            }
        }
        return map;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** A TagSpecifications list for a create call, or null when there is no tag. */
    static List<TagSpecification> tagSpecs(ResourceRequest r, ResourceType type) {
        Map<String, String> tags = tags(r);
        if (tags.isEmpty()) {
            return null;
        }
        return List.of(TagSpecification.builder().resourceType(type).tags(sdkTags(tags)).build());
    }

    /** Tags a resource made by a call without TagSpecifications. */
    static void tag(ResourceRequest r, String resourceId) {
        Map<String, String> tags = tags(r);
        if (!tags.isEmpty()) {
            ec2(r).createTags(b -> b.resources(resourceId).tags(sdkTags(tags)));
        }
    }

    /** On update, when {@code Tags} changed: removes the keys gone and sets the others. */
    static void retag(ResourceRequest r, String resourceId) {
        if (!r.changedProperties().contains("Tags")) {
            return;
        }
        Map<String, String> now = tags(r);
        List<Tag> removed = new ArrayList<>();
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().get("Tags");
        if (before != null) {
            for (JsonNode t : before) {
                String key = t.path("Key").asText();
                if (!now.containsKey(key)) {
                    removed.add(Tag.builder().key(key).build());
                }
            }
        }
        Ec2Client ec2 = ec2(r);
        if (!removed.isEmpty()) {
            ec2.deleteTags(b -> b.resources(resourceId).tags(removed));
        }
        if (!now.isEmpty()) {
            ec2.createTags(b -> b.resources(resourceId).tags(sdkTags(now)));
        }
    }

    /** Whether an EC2 error says the resource does not exist ({@code InvalidVpcID.NotFound} …). */
    static boolean notFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && code.endsWith("NotFound");
    }

    /**
     * The one resource a describe call by ID finds, for {@code read}: null when it is not found, or when
     * {@code gone} says it is deleted.
     */
    static <T> T described(java.util.function.Supplier<java.util.List<T>> describe,
            java.util.function.Predicate<T> gone) {
        try {
            java.util.List<T> found = describe.get();
            return found.isEmpty() || gone.test(found.get(0)) ? null : found.get(0);
        } catch (AwsServiceException e) {
            if (notFound(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Waits through {@link io.gureum.cloudformation.resource.common.Polling} (no thread held) until {@code describe}
     * finds the resource (null: not yet) in state {@code wanted}; the future gives the resource as then described.
     */
    static <T> java.util.concurrent.CompletableFuture<T> untilState(String what,
            java.util.function.Supplier<T> describe, java.util.function.Function<T, String> state, String wanted) {
        return io.gureum.cloudformation.resource.common.Polling.until(() -> {
            T found = describe.get();
            return found != null && wanted.equals(state.apply(found))
                    ? io.gureum.cloudformation.resource.common.Polling.Outcome.done(found) : null;
        }, io.gureum.cloudformation.resource.common.Polling.SETTLE_LIMIT, what + " did not stabilize");
    }

    /**
     * Runs a delete call, then waits (as {@link #untilState}) until each resource {@code found} lists is
     * {@code deleted}, or none is listed; a resource already gone counts as deleted ({@link #deletingAsync}).
     */
    static <T> java.util.concurrent.CompletableFuture<Void> deleteUntilDeleted(String what, Runnable delete,
            java.util.function.Supplier<List<T>> found, java.util.function.Function<T, String> state) {
        return deletingAsync(() -> {
            delete.run();
            return io.gureum.cloudformation.resource.common.Polling.settled(what, () -> found.get().stream()
                    .allMatch(x -> "deleted".equals(state.apply(x))));
        });
    }

    /** Runs a delete call; a resource already gone counts as deleted. */
    static void deleting(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!notFound(e)) {
                throw e;
            }
        }
    }

    /**
     * {@link #deleting} for a delete that waits for EC2 ({@code Polling.settled}): {@code call} starts it, and its
     * future's not-found failure (the resource went while the handler waited) counts as deleted too.
     */
    static java.util.concurrent.CompletableFuture<Void> deletingAsync(
            java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> call) {
        java.util.concurrent.CompletableFuture<Void> started;
        try {
            started = call.get();
        } catch (AwsServiceException e) {
            if (!notFound(e)) {
                throw e;
            }
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return started.handle((v, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause == null || cause instanceof AwsServiceException s && notFound(s)) {
                return null;
            }
            throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
        });
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    /** A list property's scalar elements as text; empty when absent. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static List<String> strings(ResourceRequest r, String property) {
        return strings(r.property(property));
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Integer integer(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : Integer.valueOf(v.trim());
    }
}
