package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one association of a resource discovery with an IPAM. */
public final class IpamResourceDiscoveryAssociation extends Resource {
    public String ipamId;
    public String resourceDiscoveryId;
    public boolean isDefault;
    public String clientToken;
    /** When DisassociateIpamResourceDiscovery (or the IPAM's deletion) ended it; null while it holds. */
    public Instant deleteRequested;

    public IpamResourceDiscoveryAssociation(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-resource-discovery-association";
    }

    @Override
    public boolean global() {
        return true;
    }
}
