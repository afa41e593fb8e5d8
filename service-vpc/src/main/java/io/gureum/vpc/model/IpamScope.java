package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one IPAM scope: {@code public} or {@code private}, the default two made with their IPAM. */
public final class IpamScope extends Resource {
    public String ipamId;
    public String scopeType;
    public boolean isDefault;
    public String description;
    public String clientToken;
    public Instant modified;
    public Instant deleteRequested;

    public IpamScope(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-scope";
    }

    @Override
    public boolean global() {
        return true;
    }
}
