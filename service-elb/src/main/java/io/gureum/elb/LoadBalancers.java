package io.gureum.elb;

import io.gureum.core.ids.Arn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidConfigurationRequestException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidSubnetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyLoadBalancersException;

/**
 * Load balancers: CreateLoadBalancer with its subnets, security groups and Elastic IPs checked against EC2,
 * DescribeLoadBalancers, DeleteLoadBalancer, attributes, SetSubnets, SetSecurityGroups and SetIpAddressType
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html). A new load
 * balancer is {@code provisioning} for {@link #PROVISIONING} on the core clock, then {@code active}.
 */
public final class LoadBalancers {
    /** How long a new load balancer provisions (AWS takes minutes and documents no figure; Gureum's choice). */
    static final Duration PROVISIONING = Duration.ofSeconds(30);
    /** "Application Load Balancers per Region" and the other default quotas DescribeAccountLimits reports. */
    static final Map<String, Integer> QUOTA = Map.of("application", 50, "network", 50, "gateway", 100);

    private final ElbState state;
    private final Networks networks;
    private final Certificates certs;

    LoadBalancers(ElbState state, Networks networks, Certificates certs) {
        this.state = state;
        this.networks = networks;
        this.certs = certs;
    }

    public CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest r) {
        String type = r.typeAsString() == null ? "application" : r.typeAsString();
        String name = r.name();
        checkName(name);
        if (type.equals("gateway") && r.scheme() != null) {
            throw ElbErrors.validation("A scheme cannot be specified for load balancers of type 'gateway'");
        }
        String scheme = r.schemeAsString() == null ? "internet-facing" : r.schemeAsString();
        if (type.equals("gateway")) {
            scheme = "internal";
        }
        String ipType = r.ipAddressTypeAsString() == null ? "ipv4" : r.ipAddressTypeAsString();
        if (ipType.equals("dualstack-without-public-ipv4") && (!type.equals("application")
                || !scheme.equals("internet-facing"))) {
            throw ElbErrors.validation("IP address type 'dualstack-without-public-ipv4' is only supported by "
                    + "internet-facing Application Load Balancers");
        }
        if (r.customerOwnedIpv4Pool() != null) {
            throw ElbErrors.validation("Customer-owned IPv4 pools are only available with load balancers on AWS "
                    + "Outposts");
        }
        if (r.ipamPools() != null) {
            throw ElbErrors.notImplemented("IPAM pools for load balancers (IpamPools) are not emulated");
        }
        if (type.equals("gateway") && r.hasSecurityGroups() && !r.securityGroups().isEmpty()) {
            throw ElbErrors.validation("Security groups are not supported for load balancers with type 'gateway'");
        }
        List<StoredLoadBalancer.Zone> zones = new ArrayList<>();
        String vpcId = zones(type, scheme, r.hasSubnets() ? r.subnets() : List.of(),
                r.hasSubnetMappings() ? r.subnetMappings() : List.of(), zones);
        if (scheme.equals("internet-facing") && !networks.hasInternetGateway(vpcId)) {
            throw ElbErrors.of(InvalidSubnetException.class, "VPC " + vpcId + " has no internet gateway");
        }
        List<String> groups = new ArrayList<>();
        if (r.hasSecurityGroups() && !r.securityGroups().isEmpty()) {
            networks.securityGroups(r.securityGroups(), vpcId).forEach(g -> groups.add(g.groupId()));
        } else if (type.equals("application")) {
            networks.defaultSecurityGroup(vpcId).ifPresent(groups::add);
        }
        Map<String, String> tags = ElbTags.of(r.hasTags() ? r.tags() : List.of());
        String finalScheme = scheme;
        return state.write(place -> {
            for (StoredLoadBalancer lb : place.loadBalancers.values()) {
                if (lb.name.equals(name)) {
                    // CreateLoadBalancer is idempotent: the same settings answer the existing load balancer.
                    if (lb.type.equals(type) && lb.scheme.equals(finalScheme) && lb.vpcId.equals(vpcId)
                            && subnetIds(lb.zones).equals(subnetIds(zones))) {
                        return CreateLoadBalancerResponse.builder().loadBalancers(view(lb)).build();
                    }
                    throw ElbErrors.of(DuplicateLoadBalancerNameException.class,
                            "A load balancer with the same name '" + name + "' exists, but with different settings");
                }
            }
            long ofType = place.loadBalancers.values().stream().filter(lb -> lb.type.equals(type)).count();
            if (ofType >= QUOTA.get(type)) {
                throw ElbErrors.of(TooManyLoadBalancersException.class,
                        "The maximum number of load balancers has been reached");
            }
            String id = state.context.ids().hex(16);
            StoredLoadBalancer lb = new StoredLoadBalancer();
            lb.arn = Arn.of(ElbTags.SERVICE, place.region, place.account,
                    "loadbalancer/" + StoredLoadBalancer.shortType(type) + "/" + name + "/" + id).toString();
            lb.name = name;
            lb.type = type;
            lb.scheme = finalScheme;
            lb.vpcId = vpcId;
            lb.ipAddressType = ipType;
            lb.dnsName = dnsName(name, type, finalScheme, id, place.region);
            lb.hostedZoneId = HostedZones.of(place.region, type);
            lb.created = state.context.clock().now();
            lb.activeAt = lb.created.plus(PROVISIONING);
            lb.securityGroups = groups;
            lb.zones = zones;
            lb.attributes = LbAttributes.defaults(type);
            if (type.equals("network") && !groups.isEmpty()) {
                lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic = "on";
            }
            if (r.enablePrefixForIpv6SourceNat() != null) {
                lb.enablePrefixForIpv6SourceNat = r.enablePrefixForIpv6SourceNatAsString();
            }
            place.loadBalancers.put(lb.arn, lb);
            ElbTags.register(state.context.registry(), place, lb.arn, tags);
            return CreateLoadBalancerResponse.builder().loadBalancers(view(lb)).build();
        });
    }

    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest r) {
        List<String> arns = r.hasLoadBalancerArns() ? r.loadBalancerArns() : List.of();
        List<String> names = r.hasNames() ? r.names() : List.of();
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw ElbErrors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> found = state.read(place -> {
            List<LoadBalancer> out = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (String arn : arns) {
                    out.add(view(find(place, arn)));
                }
            } else if (!names.isEmpty()) {
                for (String name : names) {
                    StoredLoadBalancer lb = place.loadBalancers.values().stream().filter(x -> x.name.equals(name))
                            .findFirst().orElseThrow(() -> ElbErrors.of(LoadBalancerNotFoundException.class,
                                    "Load balancers '[" + name + "]' not found"));
                    out.add(view(lb));
                }
            } else {
                place.loadBalancers.values().forEach(lb -> out.add(view(lb)));
            }
            return out;
        });
        Pages.Page<LoadBalancer> page = Pages.page(found, r.marker(), r.pageSize(), "lb");
        return DescribeLoadBalancersResponse.builder().loadBalancers(page.items()).nextMarker(page.nextMarker())
                .build();
    }

    public DeleteLoadBalancerResponse deleteLoadBalancer(DeleteLoadBalancerRequest r) {
        // A Network or Gateway Load Balancer a VPC endpoint service uses stays (asked of EC2 outside the lock).
        String type = state.read(place -> {
            StoredLoadBalancer lb = place.loadBalancers.get(r.loadBalancerArn());
            return lb == null ? null : lb.type;
        });
        if (("network".equals(type) || "gateway".equals(type))
                && networks.usedByEndpointService(r.loadBalancerArn())) {
            throw ElbErrors.of(ResourceInUseException.class, "Load balancer '" + r.loadBalancerArn()
                    + "' cannot be deleted because it is currently associated with another service");
        }
        return certs.tracked(state, place -> {
            StoredLoadBalancer lb = place.loadBalancers.get(r.loadBalancerArn());
            if (lb == null) {
                // Deleting a load balancer that does not exist (or was deleted) succeeds, as AWS documents.
                checkArn(r.loadBalancerArn());
                return DeleteLoadBalancerResponse.builder().build();
            }
            if ("true".equals(lb.attributes.get("deletion_protection.enabled"))) {
                throw ElbErrors.of(OperationNotPermittedException.class, "Load balancer '" + lb.arn
                        + "' cannot be deleted because deletion protection is enabled");
            }
            // Its listeners and their rules go with it; target groups stay.
            for (var it = place.listeners.values().iterator(); it.hasNext();) {
                StoredListener l = it.next();
                if (l.loadBalancerArn.equals(lb.arn)) {
                    place.rules.values().removeIf(rule -> {
                        boolean gone = rule.listenerArn.equals(l.arn);
                        if (gone) {
                            ElbTags.unregister(state.context.registry(), rule.arn);
                        }
                        return gone;
                    });
                    ElbTags.unregister(state.context.registry(), l.arn);
                    it.remove();
                }
            }
            place.loadBalancers.remove(lb.arn);
            ElbTags.unregister(state.context.registry(), lb.arn);
            return DeleteLoadBalancerResponse.builder().build();
        });
    }

    public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
            DescribeLoadBalancerAttributesRequest r) {
        return state.read(place -> DescribeLoadBalancerAttributesResponse.builder()
                .attributes(attributes(find(place, r.loadBalancerArn()).attributes)).build());
    }

    public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(ModifyLoadBalancerAttributesRequest r) {
        return state.write(place -> {
            StoredLoadBalancer lb = find(place, r.loadBalancerArn());
            Map<String, String> next = new LinkedHashMap<>(lb.attributes);
            for (LoadBalancerAttribute a : r.attributes()) {
                String value = a.value() == null ? "" : a.value();
                LbAttributes.check(lb.type, a.key(), value, lb.attributes);
                next.put(a.key(), value);
            }
            LbAttributes.checkLogs(next);
            lb.attributes = next;
            return ModifyLoadBalancerAttributesResponse.builder().attributes(attributes(next)).build();
        });
    }

    public SetSubnetsResponse setSubnets(SetSubnetsRequest r) {
        StoredLoadBalancer current = state.read(place -> find(place, r.loadBalancerArn()));
        String type = current.type;
        String scheme = current.scheme;
        List<StoredLoadBalancer.Zone> zones = new ArrayList<>();
        String vpcId = zones(type, scheme, r.hasSubnets() ? r.subnets() : List.of(),
                r.hasSubnetMappings() ? r.subnetMappings() : List.of(), zones);
        if (!vpcId.equals(current.vpcId)) {
            throw ElbErrors.of(InvalidSubnetException.class, "The subnets must belong to VPC '" + current.vpcId + "'");
        }
        String ipType = r.ipAddressTypeAsString();
        return state.write(place -> {
            StoredLoadBalancer lb = find(place, r.loadBalancerArn());
            if (lb.type.equals("network")) {
                // A Network Load Balancer's subnets can be added, never removed (AWS: "you can't remove a subnet").
                Set<String> next = new HashSet<>(subnetIds(zones));
                for (StoredLoadBalancer.Zone z : lb.zones) {
                    if (!next.contains(z.subnetId)) {
                        throw ElbErrors.validation("Subnets cannot be removed from a Network Load Balancer");
                    }
                }
            }
            lb.zones = zones;
            if (ipType != null) {
                lb.ipAddressType = ipType;
            }
            return SetSubnetsResponse.builder().availabilityZones(zones(lb)).ipAddressType(lb.ipAddressType).build();
        });
    }

    public SetSecurityGroupsResponse setSecurityGroups(SetSecurityGroupsRequest r) {
        StoredLoadBalancer current = state.read(place -> find(place, r.loadBalancerArn()));
        if (current.type.equals("gateway")) {
            throw ElbErrors.validation("Security groups are not supported for load balancers with type 'gateway'");
        }
        if (current.type.equals("network") && current.securityGroups.isEmpty()) {
            throw ElbErrors.of(InvalidConfigurationRequestException.class, "You cannot set security groups on a "
                    + "Network Load Balancer which was created without any security groups");
        }
        if (current.type.equals("network") && r.securityGroups().isEmpty()) {
            throw ElbErrors.of(InvalidConfigurationRequestException.class,
                    "You cannot remove all security groups from a Network Load Balancer");
        }
        if (current.type.equals("application") && r.securityGroups().isEmpty()) {
            throw ElbErrors.validation("At least one security group must be specified for an Application Load "
                    + "Balancer");
        }
        List<String> groups = networks.securityGroups(r.securityGroups(), current.vpcId).stream()
                .map(g -> g.groupId()).toList();
        if (r.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic() != null && !current.type.equals("network")) {
            throw ElbErrors.validation("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is only supported by "
                    + "Network Load Balancers");
        }
        return state.write(place -> {
            StoredLoadBalancer lb = find(place, r.loadBalancerArn());
            lb.securityGroups = new ArrayList<>(groups);
            if (r.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic() != null) {
                lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic =
                        r.enforceSecurityGroupInboundRulesOnPrivateLinkTrafficAsString();
            }
            return SetSecurityGroupsResponse.builder().securityGroupIds(lb.securityGroups)
                    .enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(
                            lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic)
                    .build();
        });
    }

    public SetIpAddressTypeResponse setIpAddressType(SetIpAddressTypeRequest r) {
        return state.write(place -> {
            StoredLoadBalancer lb = find(place, r.loadBalancerArn());
            String ipType = r.ipAddressTypeAsString();
            if (ipType.equals("dualstack-without-public-ipv4") && (!lb.type.equals("application")
                    || !lb.scheme.equals("internet-facing"))) {
                throw ElbErrors.validation("IP address type 'dualstack-without-public-ipv4' is only supported by "
                        + "internet-facing Application Load Balancers");
            }
            if (lb.type.equals("network") && ipType.equals("ipv4") && lb.ipAddressType.startsWith("dualstack")
                    && place.listeners.values().stream().anyMatch(l -> l.loadBalancerArn.equals(lb.arn)
                            && l.protocol != null && l.protocol.startsWith("UDP"))) {
                throw ElbErrors.of(InvalidConfigurationRequestException.class,
                        "The IP address type cannot be changed while a UDP listener exists");
            }
            lb.ipAddressType = ipType;
            return SetIpAddressTypeResponse.builder().ipAddressType(ipType).build();
        });
    }

    /**
     * Checks the subnets or subnet mappings of a create or SetSubnets against EC2 and the type's rules; fills
     * {@code zones}; returns the VPC they are in.
     */
    private String zones(String type, String scheme, List<String> subnetIds, List<SubnetMapping> mappings,
            List<StoredLoadBalancer.Zone> zones) {
        if (!subnetIds.isEmpty() && !mappings.isEmpty()) {
            throw ElbErrors.validation("You can specify subnets or subnet mappings, not both");
        }
        List<SubnetMapping> wanted = new ArrayList<>(mappings);
        subnetIds.forEach(id -> wanted.add(SubnetMapping.builder().subnetId(id).build()));
        if (wanted.isEmpty()) {
            throw ElbErrors.validation("At least one subnet must be specified");
        }
        List<String> ids = wanted.stream().map(SubnetMapping::subnetId).toList();
        List<Subnet> subnets = networks.subnets(ids);
        String vpcId = subnets.get(0).vpcId();
        Set<String> azs = new HashSet<>();
        for (int i = 0; i < subnets.size(); i++) {
            Subnet s = subnets.get(i);
            SubnetMapping m = wanted.get(i);
            if (!s.vpcId().equals(vpcId)) {
                throw ElbErrors.of(InvalidSubnetException.class, "The subnets must all belong to the same VPC");
            }
            if (!azs.add(s.availabilityZone())) {
                throw ElbErrors.of(InvalidConfigurationRequestException.class,
                        "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
            }
            StoredLoadBalancer.Zone z = new StoredLoadBalancer.Zone();
            z.zoneName = s.availabilityZone();
            z.subnetId = s.subnetId();
            if (m.allocationId() != null) {
                if (!type.equals("network")) {
                    throw ElbErrors.validation("Elastic IP addresses can only be assigned to Network Load Balancers");
                }
                if (!scheme.equals("internet-facing")) {
                    throw ElbErrors.of(InvalidConfigurationRequestException.class,
                            "Elastic IP addresses cannot be assigned to an internal load balancer");
                }
                Address a = networks.allocation(m.allocationId());
                z.allocationId = a.allocationId();
                z.ipAddress = a.publicIp();
            }
            if (m.privateIPv4Address() != null) {
                if (!type.equals("network")) {
                    throw ElbErrors.validation("Private IPv4 addresses can only be assigned to Network Load Balancers");
                }
                if (!scheme.equals("internal") && m.allocationId() == null) {
                    throw ElbErrors.validation("A private IPv4 address can only be specified for an internal "
                            + "load balancer");
                }
                if (!Cidrs.contains(s.cidrBlock(), m.privateIPv4Address())) {
                    throw ElbErrors.of(InvalidConfigurationRequestException.class, "Private IPv4 address '"
                            + m.privateIPv4Address() + "' is not in subnet '" + s.subnetId() + "'");
                }
                z.privateIpv4Address = m.privateIPv4Address();
            }
            if (m.iPv6Address() != null) {
                z.ipv6Address = m.iPv6Address();
            }
            zones.add(z);
        }
        if (type.equals("application") && azs.size() < 2) {
            throw ElbErrors.validation("At least two subnets in two different Availability Zones must be specified");
        }
        return vpcId;
    }

    private static void checkName(String name) {
        if (name.length() > 32) {
            throw ElbErrors.validation("The load balancer name '" + name + "' cannot be longer than '32' characters");
        }
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw ElbErrors.validation("The load balancer name '" + name + "' can only contain characters that are "
                    + "alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw ElbErrors.validation("The load balancer name '" + name + "' cannot begin or end with a hyphen(-)");
        }
        if (name.startsWith("internal-")) {
            throw ElbErrors.validation("The load balancer name '" + name + "' cannot begin with 'internal-'");
        }
    }

    /**
     * {@code name-1234567890.region.elb.amazonaws.com} for an Application Load Balancer,
     * {@code name-<16 hex>.elb.region.amazonaws.com} for Network and Gateway ones; {@code internal-} before an
     * internal one's.
     */
    private static String dnsName(String name, String type, String scheme, String id, String region) {
        String prefix = scheme.equals("internal") ? "internal-" : "";
        if (type.equals("application")) {
            long digits = Long.parseUnsignedLong(id.substring(0, 12), 16) % 10_000_000_000L;
            return prefix + name + "-" + String.format("%010d", digits) + "." + region + ".elb.amazonaws.com";
        }
        return prefix + name + "-" + id + ".elb." + region + ".amazonaws.com";
    }

    static StoredLoadBalancer find(ElbState.Place place, String arn) {
        StoredLoadBalancer lb = place.loadBalancers.get(arn);
        if (lb == null) {
            checkArn(arn);
            throw ElbErrors.of(LoadBalancerNotFoundException.class, "One or more load balancers not found");
        }
        return lb;
    }

    static void checkArn(String arn) {
        if (!arn.startsWith("arn:") || !arn.contains(":loadbalancer/")) {
            throw ElbErrors.validation("'" + arn + "' is not a valid load balancer ARN");
        }
    }

    private static List<String> subnetIds(List<StoredLoadBalancer.Zone> zones) {
        return zones.stream().map(z -> z.subnetId).sorted().toList();
    }

    private static List<LoadBalancerAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static List<AvailabilityZone> zones(StoredLoadBalancer lb) {
        return lb.zones.stream().map(z -> {
            AvailabilityZone.Builder b = AvailabilityZone.builder().zoneName(z.zoneName).subnetId(z.subnetId);
            if (z.allocationId != null || z.privateIpv4Address != null || z.ipv6Address != null) {
                b.loadBalancerAddresses(LoadBalancerAddress.builder().ipAddress(z.ipAddress)
                        .allocationId(z.allocationId).privateIPv4Address(z.privateIpv4Address)
                        .iPv6Address(z.ipv6Address).build());
            }
            return b.build();
        }).toList();
    }

    LoadBalancer view(StoredLoadBalancer lb) {
        LoadBalancer.Builder b = LoadBalancer.builder().loadBalancerArn(lb.arn).dnsName(lb.dnsName)
                .canonicalHostedZoneId(lb.hostedZoneId).createdTime(lb.created).loadBalancerName(lb.name)
                .scheme(lb.scheme).vpcId(lb.vpcId).type(lb.type)
                .state(s -> s.code(lb.state(state.context.clock().now())))
                .availabilityZones(zones(lb)).ipAddressType(lb.ipAddressType)
                .enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(
                        lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic)
                .enablePrefixForIpv6SourceNat(lb.enablePrefixForIpv6SourceNat);
        if (!lb.type.equals("gateway") && !lb.securityGroups.isEmpty()) {
            b.securityGroups(lb.securityGroups);
        }
        return b.build();
    }
}
