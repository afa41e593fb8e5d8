package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one public IPv4 pool (the EC2 pool BYOIP addresses provisioned from a public-scope IPAM pool
 * go to). Gureum's IPAM provisions no public-scope CIDRs, so a pool holds no address ranges.
 */
public final class PublicIpv4Pool extends Resource {
    public String networkBorderGroup;
    public String description;

    public PublicIpv4Pool(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipv4pool-ec2";
    }
}
