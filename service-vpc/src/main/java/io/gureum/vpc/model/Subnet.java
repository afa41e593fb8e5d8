package io.gureum.vpc.model;

import io.gureum.vpc.net.*;
import java.time.Instant;
import java.util.*;



/** A stored Subnet. */
public final class Subnet extends Resource {
    public String vpcId;
    public Cidr cidr;
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
