package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one NetworkAcl. */
public final class NetworkAcl extends Resource {
    public String vpcId;
    public boolean isDefault;
    public final List<NetworkAclEntry> entries = new ArrayList<>();
    public final List<NetworkAclAssociation> associations = new ArrayList<>();

    public NetworkAcl(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-acl";
    }
}
