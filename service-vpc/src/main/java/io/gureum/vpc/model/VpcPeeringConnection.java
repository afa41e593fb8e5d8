package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one VpcPeeringConnection. */
public final class VpcPeeringConnection extends Resource {
    public String requesterVpcId;
    public String requesterOwnerId;
    public String requesterRegion;
    public String requesterCidr;
    public String accepterVpcId;
    public String accepterOwnerId;
    public String accepterRegion;
    public String accepterCidr;
    public String status;
    public String statusMessage;
    public Instant expiration;
    /** ModifyVpcPeeringConnectionOptions' AllowDnsResolutionFromRemoteVpc of each side. */
    public boolean requesterAllowDnsResolution;
    public boolean accepterAllowDnsResolution;

    public VpcPeeringConnection(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-peering-connection";
    }
}
