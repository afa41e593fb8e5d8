package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every stored EC2 networking resource has: an ID, an owner, a creation time and tags. */
public abstract class Resource {
    public final String id;
    public final String ownerId;
    public final Instant created;
    public final Map<String, String> tags = new LinkedHashMap<>();

    protected Resource(String id, String ownerId, Instant created) {
        this.id = id;
        this.ownerId = ownerId;
        this.created = created;
    }

    /** The DescribeTags resource-type, e.g. {@code vpc}, {@code security-group}. */
    public abstract String resourceType();
}
