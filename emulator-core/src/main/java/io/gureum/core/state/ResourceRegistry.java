package io.gureum.core.state;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every resource by ID (within its account and region) and by ARN, with its tags, so that tagging,
 * IAM and cross-service lookups work the same for every service. Thread-safe: reads are lock-free,
 * writes are serialised so the two indexes agree.
 */
public final class ResourceRegistry {

    private record IdKey(String account, String region, String id) {}

    private final Map<String, RegisteredResource> byArn = new ConcurrentHashMap<>();
    private final Map<IdKey, String> arnById = new ConcurrentHashMap<>();

    /**
     * Registers a resource with no tags.
     *
     * @throws IllegalStateException if the ID (in that account and region) or the ARN is taken
     */
    public synchronized RegisteredResource register(
            String account, String region, String service, String id, Arn arn) {
        RegisteredResource resource = new RegisteredResource(account, region, service, id, arn, Map.of());
        IdKey key = new IdKey(account, region, id);
        String arnText = arn.toString();
        if (arnById.containsKey(key)) {
            throw new IllegalStateException("Resource ID already registered: " + id + " in " + account + "/" + region);
        }
        if (byArn.containsKey(arnText)) {
            throw new IllegalStateException("Resource ARN already registered: " + arnText);
        }
        byArn.put(arnText, resource);
        arnById.put(key, arnText);
        return resource;
    }

    public synchronized Optional<RegisteredResource> unregister(String account, String region, String id) {
        String arnText = arnById.remove(new IdKey(account, region, id));
        return Optional.ofNullable(arnText == null ? null : byArn.remove(arnText));
    }

    public synchronized Optional<RegisteredResource> unregister(Arn arn) {
        RegisteredResource removed = byArn.remove(arn.toString());
        if (removed != null) {
            arnById.remove(keyOf(removed));
        }
        return Optional.ofNullable(removed);
    }

    public Optional<RegisteredResource> byId(String account, String region, String id) {
        String arnText = arnById.get(new IdKey(account, region, id));
        return Optional.ofNullable(arnText == null ? null : byArn.get(arnText));
    }

    public Optional<RegisteredResource> byArn(Arn arn) {
        return Optional.ofNullable(byArn.get(arn.toString()));
    }

    /** The resources of one account and region (for tag-based queries such as GetResources). */
    public List<RegisteredResource> list(String account, String region) {
        List<RegisteredResource> out = new ArrayList<>();
        for (RegisteredResource r : byArn.values()) {
            if (r.account().equals(account) && r.region().equals(region)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The resource's tags; empty if the ARN is not registered. */
    public Map<String, String> tags(Arn arn) {
        return byArn(arn).map(RegisteredResource::tags).orElse(Map.of());
    }

    /**
     * Adds or overwrites tags.
     *
     * @throws NoSuchElementException if the ARN is not registered
     */
    public synchronized void tag(Arn arn, Map<String, String> tags) {
        RegisteredResource current = require(arn);
        Map<String, String> merged = new LinkedHashMap<>(current.tags());
        merged.putAll(tags);
        byArn.put(arn.toString(), current.withTags(merged));
    }

    /**
     * Removes the tags with these keys; absent keys are ignored, as AWS does.
     *
     * @throws NoSuchElementException if the ARN is not registered
     */
    public synchronized void untag(Arn arn, Collection<String> keys) {
        RegisteredResource current = require(arn);
        Map<String, String> remaining = new LinkedHashMap<>(current.tags());
        remaining.keySet().removeAll(keys);
        byArn.put(arn.toString(), current.withTags(remaining));
    }

    public synchronized void clear() {
        byArn.clear();
        arnById.clear();
    }

    /** Forgets the resources of one service (for a per-service reset). */
    public synchronized void clear(String service) {
        byArn.values().removeIf(r -> {
            if (r.service().equals(service)) {
                arnById.remove(keyOf(r));
                return true;
            }
            return false;
        });
    }

    private RegisteredResource require(Arn arn) {
        Objects.requireNonNull(arn, "arn");
        RegisteredResource current = byArn.get(arn.toString());
        if (current == null) {
            throw new NoSuchElementException("No resource registered with ARN " + arn);
        }
        return current;
    }

    private static IdKey keyOf(RegisteredResource r) {
        return new IdKey(r.account(), r.region(), r.id());
    }
}
