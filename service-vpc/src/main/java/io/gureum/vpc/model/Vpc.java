package io.gureum.vpc.model;

import io.gureum.vpc.net.*;
import java.time.Instant;
import java.util.*;



/** A stored Vpc. */
public final class Vpc extends Resource {
    public Cidr primaryCidr;
    public final List<CidrAssociation> cidrs = new ArrayList<>();
    public final List<Ipv6Association> ipv6Cidrs = new ArrayList<>();
    public String dhcpOptionsId;
    public String instanceTenancy = "default";
    public boolean isDefault;
    public boolean enableDnsSupport = true;
    public boolean enableDnsHostnames;
    public boolean enableNetworkAddressUsageMetrics;
    public String mainRouteTableId;
    public String defaultNetworkAclId;
    public String defaultSecurityGroupId;
    public final CidrIndex<Subnet> subnetIndex = new CidrIndex<>();

    public Vpc(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc";
    }
}
