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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one record of every resource of every service: ID (within its account and region), ARN, owning
 * account and region, type and tags. Services keep their tags here rather than in their own stores, so
 * that the Resource Groups Tagging API, IAM's {@code aws:ResourceTag} conditions and each service's own
 * tag operations all see the same tags. Thread-safe: reads are lock-free, writes are serialised so the
 * indexes agree.
 */
public final class ResourceRegistry {

    /** IDs are unique per service: an SQS queue and an SNS topic may both be called {@code orders}. */
    private record IdKey(String account, String region, String service, String id) {}

    private final Map<String, RegisteredResource> byArn = new ConcurrentHashMap<>();
    private final Map<IdKey, String> arnById = new ConcurrentHashMap<>();
    private record Place(String account, String region) {}

    /** ARNs by account and region, in registration order: listings never scan other accounts. */
    private final Map<Place, Set<String>> byPlace = new ConcurrentHashMap<>();

    /**
     * Registers a resource with no tags.
     *
     * @throws IllegalStateException if the ID (in that account and region) or the ARN is taken
     */
    public RegisteredResource register(String account, String region, String service, String id, Arn arn) {
        return register(account, region, service, id, arn, Map.of());
    }

    /**
     * Registers a resource created with tags (a {@code Tags} or {@code TagSpecifications} parameter).
     *
     * @throws IllegalStateException if the ID (in that account and region) or the ARN is taken
     */
    public synchronized RegisteredResource register(
            String account, String region, String service, String id, Arn arn, Map<String, String> tags) {
        RegisteredResource resource = new RegisteredResource(account, region, service, id, arn, tags, false);
        IdKey key = new IdKey(account, region, service, id);
        String arnText = arn.toString();
        if (arnById.containsKey(key)) {
            throw new IllegalStateException("Resource ID already registered: " + service + " " + id + " in " + account
                    + "/" + region);
        }
        if (byArn.containsKey(arnText)) {
            throw new IllegalStateException("Resource ARN already registered: " + arnText);
        }
        byArn.put(arnText, resource);
        arnById.put(key, arnText);
        byPlace.computeIfAbsent(new Place(account, region), k -> new java.util.concurrent.ConcurrentSkipListSet<>())
                .add(arnText);
        return resource;
    }

    /** Forgets the resource with this ID, of any service (IDs such as {@code vpc-…} name one service's resource). */
    public synchronized Optional<RegisteredResource> unregister(String account, String region, String id) {
        return byId(account, region, id).flatMap(r -> unregister(account, region, r.service(), id));
    }

    public synchronized Optional<RegisteredResource> unregister(String account, String region, String service, String id) {
        String arnText = arnById.remove(new IdKey(account, region, service, id));
        if (arnText == null) {
            return Optional.empty();
        }
        RegisteredResource removed = byArn.remove(arnText);
        forgetPlace(removed);
        return Optional.ofNullable(removed);
    }

    public synchronized Optional<RegisteredResource> unregister(Arn arn) {
        RegisteredResource removed = byArn.remove(arn.toString());
        if (removed != null) {
            arnById.remove(keyOf(removed));
            forgetPlace(removed);
        }
        return Optional.ofNullable(removed);
    }

    /** The resource of {@code service} with this ID in an account and region. */
    public Optional<RegisteredResource> byId(String account, String region, String service, String id) {
        String arnText = arnById.get(new IdKey(account, region, service, id));
        return Optional.ofNullable(arnText == null ? null : byArn.get(arnText));
    }

    /** The resource with this ID, of whichever service (for IDs that name their type, such as {@code vpc-…}). */
    public Optional<RegisteredResource> byId(String account, String region, String id) {
        for (RegisteredResource r : list(account, region)) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Optional<RegisteredResource> byArn(Arn arn) {
        return Optional.ofNullable(byArn.get(arn.toString()));
    }

    /** The resources of one account and region, ordered by ARN (for tag-based queries such as GetResources). */
    public List<RegisteredResource> list(String account, String region) {
        Set<String> arns = byPlace.get(new Place(account, region));
        if (arns == null) {
            return List.of();
        }
        List<RegisteredResource> out = new ArrayList<>(arns.size());
        for (String arn : arns) {
            RegisteredResource r = byArn.get(arn);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The regions of {@code account} that hold at least one resource, sorted. */
    public List<String> regions(String account) {
        return byPlace.entrySet().stream().filter(e -> e.getKey().account().equals(account) && !e.getValue().isEmpty())
                .map(e -> e.getKey().region()).distinct().sorted().toList();
    }

    /** Every registered ARN, for comparing the registry before and after an event. */
    public Set<String> arns() {
        return Set.copyOf(byArn.keySet());
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

    /**
     * Replaces all tags (services whose API sets the whole tag set at once, as S3's PutBucketTagging).
     *
     * @throws NoSuchElementException if the ARN is not registered
     */
    public synchronized void replaceTags(Arn arn, Map<String, String> tags) {
        RegisteredResource current = require(arn);
        byArn.put(arn.toString(), current.withTags(tags));
    }

    public synchronized void clear() {
        byArn.clear();
        arnById.clear();
        byPlace.clear();
    }

    /** Forgets the resources of one service (for a per-service reset). */
    public synchronized void clear(String service) {
        byArn.values().removeIf(r -> {
            if (r.service().equals(service)) {
                arnById.remove(keyOf(r));
                Set<String> arns = byPlace.get(new Place(r.account(), r.region()));
                if (arns != null) {
                    arns.remove(r.arn().toString());
                }
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

    private void forgetPlace(RegisteredResource r) {
        if (r != null) {
            Set<String> arns = byPlace.get(new Place(r.account(), r.region()));
            if (arns != null) {
                arns.remove(r.arn().toString());
            }
        }
    }

    private static IdKey keyOf(RegisteredResource r) {
        return new IdKey(r.account(), r.region(), r.service(), r.id());
    }
}
