package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one IPAM resource discovery; the default one of an IPAM is made and deleted with it. */
public final class IpamResourceDiscovery extends Resource {
    public String description;
    public final List<String> operatingRegions = new ArrayList<>();
    public final List<String> organizationalUnitExclusions = new ArrayList<>();
    public boolean isDefault;
    public String clientToken;
    public Instant modified;
    public Instant deleteRequested;

    public IpamResourceDiscovery(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-resource-discovery";
    }

    @Override
    public boolean global() {
        return true;
    }
}
