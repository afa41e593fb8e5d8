package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one IPAM prefix list resolver target: a customer-managed prefix list its resolver keeps in step
 * with a version (the latest, or {@link #desiredVersion}).
 */
public final class IpamPrefixListResolverTarget extends Resource {
    public String resolverId;
    public String prefixListId;
    public String prefixListRegion;
    public Long desiredVersion;
    public boolean trackLatestVersion;
    public Long lastSyncedVersion;
    public String stateMessage;
    public String clientToken;
    public Instant modified;
    public Instant deleteRequested;

    public IpamPrefixListResolverTarget(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-prefix-list-resolver-target";
    }

    @Override
    public boolean global() {
        return true;
    }
}
