package io.gureum.vpc.model;

/** A subnet's association with a network ACL (every subnet has exactly one). */
public final class NetworkAclAssociation {
    public final String associationId;
    public final String subnetId;

    public NetworkAclAssociation(String associationId, String subnetId) {
        this.associationId = associationId;
        this.subnetId = subnetId;
    }
}
