package io.gureum.vpc.model;

import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.CidrIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored state of one Vpc. */
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
    public final transient CidrIndex<Subnet> subnetIndex = new CidrIndex<>();
    /**
     * The VPC's subnets in creation order, so vpc-id filters need not scan every subnet of the region. This and
     * {@link #subnetIndex} are rebuilt from the store's subnets at restore (transient: not in the VPC's record).
     */
    public final transient Map<String, Subnet> subnets = new LinkedHashMap<>();

    public Vpc(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc";
    }
}
