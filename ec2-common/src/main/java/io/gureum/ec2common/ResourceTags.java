package io.gureum.ec2common;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tags of one EC2 resource as a map whose storage is core's {@link ResourceRegistry}: the registry is
 * the one record of tags, shared with the Resource Groups Tagging API. Until {@link #attach} (while the
 * create call builds the resource) the map holds the TagSpecifications tags the registration will carry;
 * after {@link #detach} it holds a snapshot of the last tags, for resources AWS still describes after
 * deletion (a {@code deleted} transit gateway keeps its tags in DescribeTransitGateways).
 */
public final class ResourceTags extends AbstractMap<String, String> {
    private Map<String, String> local = new LinkedHashMap<>();
    private ResourceRegistry registry;
    private Arn arn;

    /**
     * Registers the resource under service {@code ec2} with the tags this map holds so far; from then on
     * the map reads and writes the registry.
     *
     * @throws IllegalStateException if the ID or ARN is already registered
     */
    public synchronized void attach(ResourceRegistry registry, String account, String region, String type,
            String id) {
        Arn target = Ec2Arns.of(region, account, type, id);
        registry.register(account, region, Ec2Api.NAME, id, target, local);
        this.registry = registry;
        this.arn = target;
        this.local = null;
    }

    /** Whether the map reads the registry's record of this ARN. */
    public synchronized boolean attachedTo(Arn other) {
        return arn != null && arn.equals(other);
    }

    public synchronized boolean attached() {
        return registry != null;
    }

    /** Unregisters the resource, keeping a snapshot of its last tags. No-op when not attached. */
    public synchronized void detach() {
        if (registry == null) {
            return;
        }
        local = new LinkedHashMap<>(registry.tags(arn));
        registry.unregister(arn);
        registry = null;
        arn = null;
    }

    private synchronized Map<String, String> current() {
        return registry != null ? registry.tags(arn) : local;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(current())).entrySet();
    }

    @Override
    public String get(Object key) {
        return current().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return current().containsKey(key);
    }

    @Override
    public int size() {
        return current().size();
    }

    @Override
    public synchronized String put(String key, String value) {
        Objects.requireNonNull(key, "key");
        String previous = get(key);
        if (registry != null) {
            registry.tag(arn, Collections.singletonMap(key, value == null ? "" : value));
        } else {
            local.put(key, value == null ? "" : value);
        }
        return previous;
    }

    @Override
    public synchronized void putAll(Map<? extends String, ? extends String> tags) {
        if (registry != null) {
            Map<String, String> copy = new LinkedHashMap<>();
            tags.forEach((k, v) -> copy.put(k, v == null ? "" : v));
            registry.tag(arn, copy);
        } else {
            tags.forEach(this::put);
        }
    }

    @Override
    public synchronized String remove(Object key) {
        String previous = get(key);
        if (previous != null) {
            if (registry != null) {
                registry.untag(arn, Set.of((String) key));
            } else {
                local.remove(key);
            }
        }
        return previous;
    }

    @Override
    public synchronized void clear() {
        if (registry != null) {
            registry.replaceTags(arn, Map.of());
        } else {
            local.clear();
        }
    }
}
