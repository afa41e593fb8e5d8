package io.gureum.vpc.model;

import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.IpAllocator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one Subnet. */
public final class Subnet extends Resource {
    public String vpcId;
    public Cidr cidr;
    /** {@link #cidr} as text, kept because filters compare it on every Describe. */
    public String cidrText;
    public String availabilityZone;
    public String availabilityZoneId;
    public boolean mapPublicIpOnLaunch;
    public boolean defaultForAz;
    public boolean assignIpv6AddressOnCreation;
    public final List<Ipv6Association> ipv6Cidrs = new ArrayList<>();
    public IpAllocator ips;
    public String state = "available";
    public String arn;

    public Subnet(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "subnet";
    }
}
