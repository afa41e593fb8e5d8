package io.gureum.vpc;

import io.gureum.core.protocol.RequestContext;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * VPC endpoints (https://docs.aws.amazon.com/vpc/latest/privatelink/): gateway endpoints (S3,
 * DynamoDB) add a route to the service's prefix list in each chosen route table; interface endpoints
 * put a requester-managed network interface with a private address in each chosen subnet (one subnet
 * per Availability Zone).
 */
public final class VpcEndpoints {
    static final List<String> INTERFACE_SERVICES = List.of("s3", "dynamodb", "ec2", "ec2messages", "ssm",
            "ssmmessages", "sqs", "sns", "sts", "kms", "logs", "monitoring", "secretsmanager", "lambda", "ecr.api",
            "ecr.dkr", "execute-api", "events", "states", "kinesis-streams", "elasticloadbalancing");
    static final String FULL_ACCESS_POLICY = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** The hosted zone of the regional {@code vpce.amazonaws.com} names. */
    static final String VPCE_ZONE = "Z7HUB22UULQXV";

    private final Network net;
    private final Filters<VpcEndpoint> filters = new Filters<VpcEndpoint>()
            .on("vpc-endpoint-id", e -> e.id)
            .on("vpc-id", e -> e.vpcId)
            .on("service-name", e -> e.serviceName)
            .on("vpc-endpoint-state", e -> e.state)
            .on("vpc-endpoint-type", e -> e.type)
            .on("ip-address-type", e -> "ipv4");

    VpcEndpoints(Network net) {
        this.net = net;
    }

    private static String shortName(VpcStore s, String serviceName) {
        String prefix = "com.amazonaws." + s.region + ".";
        return serviceName != null && serviceName.startsWith(prefix) ? serviceName.substring(prefix.length()) : null;
    }

    private static boolean supports(String shortName, String type) {
        if (shortName == null) {
            return false;
        }
        return type.equals("Gateway") ? PrefixLists.GATEWAY_SERVICES.contains(shortName)
                : INTERFACE_SERVICES.contains(shortName);
    }

    public CreateVpcEndpointResponse createVpcEndpoint(CreateVpcEndpointRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (r.serviceName() == null) {
            throw Ec2Errors.missing("ServiceName");
        }
        String type = r.vpcEndpointTypeAsString() == null ? "Gateway" : r.vpcEndpointTypeAsString();
        if (r.serviceRegion() != null && !r.serviceRegion().equals(s.region)) {
            throw crossRegion("CreateVpcEndpoint");
        }
        VpcStore[] owner = new VpcStore[1];
        io.gureum.vpc.model.VpcEndpointService custom = net.endpointServices.byName(s.region, r.serviceName(), owner);
        if (custom != null || r.serviceName().startsWith("com.amazonaws.vpce.")) {
            return createPrivateLinkEndpoint(r, s, vpc, custom, owner[0], type);
        }
        String shortName = shortName(s, r.serviceName());
        if (!supports(shortName, "Gateway") && !supports(shortName, "Interface")) {
            throw Ec2Error.INVALID_SERVICE_NAME.of(r.serviceName());
        }
        if (!supports(shortName, type)) {
            throw Ec2Errors.invalidParameterValue("The Vpc Endpoint Service '" + r.serviceName()
                    + "' does not support endpoint type '" + type + "'");
        }
        List<RouteTable> tables = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        PrefixList pl = null;
        if (type.equals("Gateway")) {
            pl = net.prefixLists.forService(s, r.serviceName());
            for (String id : r.routeTableIds()) {
                RouteTable t = net.routeTables.require(s, id);
                if (!t.vpcId.equals(vpc.id)) {
                    throw Ec2Errors.invalidParameterValue(
                            "Route table " + id + " does not belong to vpc " + vpc.id);
                }
                String plId = pl.id;
                if (t.routes.stream().anyMatch(x -> plId.equals(x.destinationPrefixListId))) {
                    throw Ec2Error.ROUTE_ALREADY_EXISTS.withMessage("route table " + id
                            + " already has a route with destination-prefix-list-id " + plId);
                }
                tables.add(t);
            }
        } else {
            Set<String> zones = new LinkedHashSet<>();
            for (String id : r.subnetIds()) {
                Subnet sn = net.subnets.require(s, id);
                if (!sn.vpcId.equals(vpc.id)) {
                    throw Ec2Errors.invalidParameterValue("Subnet " + id + " does not belong to vpc " + vpc.id);
                }
                if (!zones.add(sn.availabilityZone)) {
                    throw Ec2Error.DUPLICATE_SUBNETS_IN_SAME_ZONE.withMessage("Found another VPC endpoint subnet in the "
                            + "availability zone of " + id + ". VPC endpoint subnets should be in different "
                            + "availability zones supported by the VPC endpoint service.");
                }
                subnets.add(sn);
            }
            boolean privateDns = r.privateDnsEnabled() == null || r.privateDnsEnabled();
            if (privateDns && !(vpc.enableDnsSupport && vpc.enableDnsHostnames)) {
                throw Ec2Error.INVALID_PARAMETER.withMessage("Enabling private DNS requires both enableDnsSupport and "
                        + "enableDnsHostnames VPC attributes set to true for " + vpc.id);
            }
            if (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty()) {
                for (String g : r.securityGroupIds()) {
                    net.securityGroups.require(s, g);
                    groups.add(g);
                }
            } else {
                groups.add(vpc.defaultSecurityGroupId);
            }
        }
        Tags.validate(r.tagSpecifications(), "vpc-endpoint");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcEndpoint e = new VpcEndpoint(net.id("vpce"), s.account, net.now());
        e.vpcId = vpc.id;
        e.serviceName = r.serviceName();
        e.type = type;
        e.state = "available";
        e.policyDocument = r.policyDocument() != null ? r.policyDocument() : FULL_ACCESS_POLICY;
        e.privateDnsEnabled = type.equals("Interface") && (r.privateDnsEnabled() == null || r.privateDnsEnabled());
        for (RouteTable t : tables) {
            net.routeTables.addEndpointRoute(t, pl.id, e.id);
            e.routeTableIds.add(t.id);
        }
        for (Subnet sn : subnets) {
            NetworkInterface eni = net.networkInterfaces.createManaged(s, sn, null, "vpc_endpoint",
                    "VPC Endpoint Interface " + e.id, groups);
            e.subnetIds.add(sn.id);
            e.networkInterfaceIds.add(eni.id);
        }
        e.groupIds.addAll(groups);
        s.put(s.vpcEndpoints, e);
        Tags.apply(r.tagSpecifications(), e);
        return CreateVpcEndpointResponse.builder().vpcEndpoint(toSdk(s, e)).clientToken(r.clientToken()).build();
    }

    /**
     * An endpoint to an endpoint service (PrivateLink): an interface endpoint to a Network Load Balancer
     * service (a requester-managed interface in each chosen subnet) or a Gateway Load Balancer endpoint (one
     * subnet, one interface, no security groups), pending acceptance when the service requires it. A service
     * the caller may not use is not found, as on AWS.
     */
    private CreateVpcEndpointResponse createPrivateLinkEndpoint(CreateVpcEndpointRequest r, VpcStore s, Vpc vpc,
            io.gureum.vpc.model.VpcEndpointService v, VpcStore owner, String type) {
        RequestContext rc = RequestContext.current();
        String principal = net.ctx.accounts().lookup(rc.accessKeyId()).map(k -> k.principalArn()).orElse(null);
        if (v == null || !net.endpointServices.state(v).equals("Available")
                || !net.endpointServices.allows(v, s.account, principal)) {
            throw Ec2Error.INVALID_SERVICE_NAME.of(r.serviceName());
        }
        if (!type.equals(v.serviceType)) {
            throw Ec2Errors.invalidParameterValue("The Vpc Endpoint Service '" + r.serviceName()
                    + "' does not support endpoint type '" + type + "'");
        }
        if (r.hasRouteTableIds() && !r.routeTableIds().isEmpty()) {
            throw Ec2Errors.invalidParameterValue("Route tables are only supported for Gateway endpoints.");
        }
        if (r.policyDocument() != null) {
            // Endpoint services (not AWS services) take no endpoint policy (VpcEndpointPolicySupported false).
            throw Ec2Error.INVALID_PARAMETER.withMessage("The VPC endpoint service " + r.serviceName()
                    + " does not support VPC endpoint policies.");
        }
        List<Subnet> subnets = new ArrayList<>();
        Set<String> zones = new LinkedHashSet<>();
        List<String> serviceZones = net.endpointServices.zones(owner, v);
        for (String id : r.subnetIds()) {
            Subnet sn = net.subnets.require(s, id);
            if (!sn.vpcId.equals(vpc.id)) {
                throw Ec2Errors.invalidParameterValue("Subnet " + id + " does not belong to vpc " + vpc.id);
            }
            if (!zones.add(sn.availabilityZone)) {
                throw Ec2Error.DUPLICATE_SUBNETS_IN_SAME_ZONE.withMessage("Found another VPC endpoint subnet in the "
                        + "availability zone of " + id + ". VPC endpoint subnets should be in different "
                        + "availability zones supported by the VPC endpoint service.");
            }
            if (!serviceZones.contains(sn.availabilityZone)) {
                throw Ec2Errors.invalidParameterValue("The VPC endpoint service " + r.serviceName()
                        + " does not support the availability zone of the subnet: " + id + ".");
            }
            subnets.add(sn);
        }
        List<String> groups = new ArrayList<>();
        boolean privateDns = false;
        if (type.equals("GatewayLoadBalancer")) {
            if (subnets.size() != 1) {
                throw Ec2Errors.invalidParameterValue("Gateway Load Balancer endpoints require exactly one subnet.");
            }
            if (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty()) {
                throw Ec2Errors.invalidParameterValue("Security groups are not supported for Gateway Load Balancer "
                        + "endpoints.");
            }
            if (Boolean.TRUE.equals(r.privateDnsEnabled())) {
                throw Ec2Errors.invalidParameterValue("Private DNS is not supported for Gateway Load Balancer "
                        + "endpoints.");
            }
        } else {
            boolean verified = v.privateDnsName != null && net.endpointServices.dnsState(v).equals("verified");
            if (Boolean.TRUE.equals(r.privateDnsEnabled()) && !verified) {
                throw Ec2Error.INVALID_PARAMETER.withMessage("Private DNS can't be enabled because the service "
                        + r.serviceName() + " does not provide a private DNS name.");
            }
            privateDns = verified && !Boolean.FALSE.equals(r.privateDnsEnabled());
            if (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty()) {
                for (String g : r.securityGroupIds()) {
                    net.securityGroups.require(s, g);
                    groups.add(g);
                }
            } else {
                groups.add(vpc.defaultSecurityGroupId);
            }
        }
        String ipType = r.ipAddressTypeAsString() == null ? "ipv4" : r.ipAddressTypeAsString();
        if (!ipType.equals("ipv4") && !v.supportedIpAddressTypes.contains("ipv6")) {
            throw Ec2Errors.invalidParameterValue("The VPC endpoint service " + r.serviceName()
                    + " does not support the IP address type " + ipType + ".");
        }
        Tags.validate(r.tagSpecifications(), "vpc-endpoint");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcEndpoint e = new VpcEndpoint(net.id("vpce"), s.account, net.now());
        e.vpcId = vpc.id;
        e.serviceName = r.serviceName();
        e.type = type;
        e.policyDocument = null;
        e.privateDnsEnabled = privateDns;
        e.endpointServiceId = v.id;
        e.endpointServiceOwner = v.ownerId;
        for (Subnet sn : subnets) {
            NetworkInterface eni = net.networkInterfaces.createManaged(s, sn, null, type.equals("Interface")
                    ? "vpc_endpoint" : "gateway_load_balancer_endpoint", "VPC Endpoint Interface " + e.id, groups);
            e.subnetIds.add(sn.id);
            e.networkInterfaceIds.add(eni.id);
        }
        e.groupIds.addAll(groups);
        s.put(s.vpcEndpoints, e);
        Tags.apply(r.tagSpecifications(), e);
        e.state = net.endpointConnections.connect(owner, v, s, e, ipType, dnsNames(s, e));
        return CreateVpcEndpointResponse.builder().vpcEndpoint(toSdk(s, e)).clientToken(r.clientToken()).build();
    }

    /** The regional and zonal names of an interface endpoint to an endpoint service. */
    private List<String> dnsNames(VpcStore s, VpcEndpoint e) {
        List<String> names = new ArrayList<>();
        if (!e.type.equals("Interface")) {
            return names;
        }
        String base = e.id + "-" + e.id.substring(5, 13);
        String service = e.endpointServiceId + "." + s.region + ".vpce.amazonaws.com";
        names.add(base + "." + service);
        for (String subnetId : e.subnetIds) {
            Subnet sn = s.subnets.get(subnetId);
            if (sn != null) {
                names.add(base + "-" + sn.availabilityZone + "." + service);
            }
        }
        return names;
    }

    public ModifyVpcEndpointResponse modifyVpcEndpoint(ModifyVpcEndpointRequest r) {
        VpcStore s = net.store();
        VpcEndpoint e = Ids.require(s.vpcEndpoints, "vpce", r.vpcEndpointId());
        List<RouteTable> add = new ArrayList<>();
        for (String id : r.addRouteTableIds()) {
            RouteTable t = net.routeTables.require(s, id);
            if (!e.type.equals("Gateway") || !t.vpcId.equals(e.vpcId)) {
                throw Ec2Errors.invalidParameterValue("Route table " + id + " cannot be added to endpoint " + e.id);
            }
            add.add(t);
        }
        for (String id : r.removeRouteTableIds()) {
            if (!e.routeTableIds.contains(id)) {
                throw Ec2Errors.invalidParameterValue("Route table " + id + " is not associated with " + e.id);
            }
        }
        if (e.endpointServiceId != null && (r.policyDocument() != null || Boolean.TRUE.equals(r.resetPolicy()))) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("The VPC endpoint service " + e.serviceName
                    + " does not support VPC endpoint policies.");
        }
        if (e.endpointServiceId != null && Boolean.TRUE.equals(r.privateDnsEnabled())) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("Private DNS can't be enabled because the service "
                    + e.serviceName + " does not provide a private DNS name.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        PrefixList pl = net.prefixLists.forService(s, e.serviceName);
        for (RouteTable t : add) {
            if (!e.routeTableIds.contains(t.id)) {
                net.routeTables.addEndpointRoute(t, pl.id, e.id);
                e.routeTableIds.add(t.id);
            }
        }
        for (String id : r.removeRouteTableIds()) {
            s.routeTables.get(id).routes.removeIf(x -> e.id.equals(x.gatewayId));
            e.routeTableIds.remove(id);
        }
        if (Boolean.TRUE.equals(r.resetPolicy())) {
            e.policyDocument = FULL_ACCESS_POLICY;
        } else if (r.policyDocument() != null) {
            e.policyDocument = r.policyDocument();
        }
        if (r.privateDnsEnabled() != null && e.type.equals("Interface")) {
            e.privateDnsEnabled = r.privateDnsEnabled();
        }
        return ModifyVpcEndpointResponse.builder().returnValue(true).build();
    }

    /** Not-found IDs are reported as unsuccessful items, not as an error. */
    public DeleteVpcEndpointsResponse deleteVpcEndpoints(DeleteVpcEndpointsRequest r) {
        VpcStore s = net.store();
        if (!r.hasVpcEndpointIds() || r.vpcEndpointIds().isEmpty()) {
            throw Ec2Errors.missing("VpcEndpointId");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : r.vpcEndpointIds()) {
            VpcEndpoint e = s.vpcEndpoints.get(id);
            if (e == null) {
                failed.add(UnsuccessfulItem.builder().resourceId(id).error(UnsuccessfulItemError.builder()
                        .code("InvalidVpcEndpoint.NotFound").message("The VPC endpoint '" + id + "' does not exist")
                        .build()).build());
                continue;
            }
            net.endpointConnections.disconnect(s, e);
            s.connectionNotifications.values().removeIf(n -> e.id.equals(n.vpcEndpointId));
            net.routeTables.removeEndpointRoutes(s, e.id);
            for (String eniId : e.networkInterfaceIds) {
                NetworkInterface eni = s.networkInterfaces.get(eniId);
                if (eni != null) {
                    net.networkInterfaces.destroy(s, eni);
                }
            }
            s.remove(s.vpcEndpoints, e.id);
        }
        return DeleteVpcEndpointsResponse.builder().unsuccessful(failed).build();
    }

    public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpcEndpoint> found = new ArrayList<>();
        if (r.hasVpcEndpointIds() && !r.vpcEndpointIds().isEmpty()) {
            for (String id : r.vpcEndpointIds()) {
                found.add(Ids.require(s.vpcEndpoints, "vpce", id));
            }
        } else {
            found.addAll(s.vpcEndpoints.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeVpcEndpointsResponse.builder()
                .vpcEndpoints(page.items().stream().map(e -> toSdk(s, e)).toList()).nextToken(page.nextToken()).build();
    }

    /** Cross-Region PrivateLink (an endpoint in one Region to a service of another) is not emulated. */
    private static io.gureum.core.error.AwsException crossRegion(String operation) {
        return new io.gureum.core.error.AwsException("NotImplemented", operation + " with a service Region other "
                + "than the caller's (cross-Region PrivateLink) is not implemented in Gureum", 501);
    }

    public DescribeVpcEndpointServicesResponse describeVpcEndpointServices(DescribeVpcEndpointServicesRequest r) {
        VpcStore s = net.store();
        if (r.hasServiceRegions() && r.serviceRegions().stream().anyMatch(x -> !x.equals(s.region))) {
            throw crossRegion("DescribeVpcEndpointServices");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<ServiceDetail> all = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        names.addAll(PrefixLists.GATEWAY_SERVICES);
        names.addAll(INTERFACE_SERVICES);
        List<String> zones = net.zones(s.region).stream().map(z -> z.zoneName()).toList();
        for (String shortName : names.stream().sorted().toList()) {
            for (String type : List.of("Gateway", "Interface")) {
                if (!supports(shortName, type)) {
                    continue;
                }
                String name = PrefixLists.serviceName(s.region, shortName);
                all.add(ServiceDetail.builder().serviceName(name).serviceId("vpce-svc-" + String.format("%017x",
                                (long) (name + type).hashCode() & 0xFFFFFFFFL))
                        .serviceType(ServiceTypeDetail.builder().serviceType(type).build())
                        .availabilityZones(zones).owner("amazon")
                        .baseEndpointDnsNames(shortName + "." + s.region + (type.equals("Interface")
                                ? ".vpce.amazonaws.com" : ".amazonaws.com"))
                        .privateDnsName(type.equals("Interface") ? shortName + "." + s.region + ".amazonaws.com" : null)
                        .vpcEndpointPolicySupported(true).acceptanceRequired(false)
                        .managesVpcEndpoints(false).build());
            }
        }
        all.addAll(privateLinkServices(s));
        if (r.hasServiceNames() && !r.serviceNames().isEmpty()) {
            for (String n : r.serviceNames()) {
                if (all.stream().noneMatch(d -> d.serviceName().equals(n))) {
                    throw Ec2Error.INVALID_SERVICE_NAME.of(n);
                }
            }
            all = all.stream().filter(d -> r.serviceNames().contains(d.serviceName())).toList();
        }
        var predicate = new io.gureum.ec2common.Ec2Filters<ServiceDetail>(d -> tagMap(d))
                .on("service-name", ServiceDetail::serviceName)
                .on("service-type", d -> d.serviceType().get(0).serviceTypeAsString())
                .on("owner", ServiceDetail::owner)
                .on("service-region", ServiceDetail::serviceRegion)
                .on("supported-ip-address-types", ServiceDetail::supportedIpAddressTypesAsStrings)
                .predicate(r.filters());
        all = all.stream().filter(predicate).toList();
        var page = Pagination.page(all, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVpcEndpointServicesResponse.builder().serviceDetails(page.items())
                .serviceNames(page.items().stream().map(ServiceDetail::serviceName).distinct().toList())
                .nextToken(page.nextToken()).build();
    }

    private static java.util.Map<String, String> tagMap(ServiceDetail d) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        d.tags().forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    /**
     * The endpoint services of the region the caller may see: its own and those whose allowed principals name
     * it (another account's service is read holding that account's store, under StoreLock's lock for
     * operations that span stores).
     */
    private List<ServiceDetail> privateLinkServices(VpcStore s) {
        RequestContext rc = RequestContext.current();
        String principal = net.ctx.accounts().lookup(rc.accessKeyId()).map(k -> k.principalArn()).orElse(null);
        List<ServiceDetail> out = new ArrayList<>();
        net.forEachStore(other -> {
            if (!other.region.equals(s.region)) {
                return;
            }
            synchronized (other) {
                for (var v : other.endpointServices.values()) {
                    if (net.endpointServices.allows(v, s.account, principal)) {
                        out.add(net.endpointServices.detail(other, v, other == s));
                    }
                }
            }
        });
        out.sort(java.util.Comparator.comparing(ServiceDetail::serviceName));
        return out;
    }

    private software.amazon.awssdk.services.ec2.model.VpcEndpoint toSdk(VpcStore s, VpcEndpoint e) {
        List<DnsEntry> dns = new ArrayList<>();
        if (e.endpointServiceId != null) {
            dnsNames(s, e).forEach(n -> dns.add(DnsEntry.builder().dnsName(n).hostedZoneId(VPCE_ZONE).build()));
        } else if (e.type.equals("Interface")) {
            String svc = shortName(s, e.serviceName);
            dns.add(DnsEntry.builder().dnsName(e.id + "-" + e.id.substring(5, 13) + "." + svc + "." + s.region
                    + ".vpce.amazonaws.com").hostedZoneId(VPCE_ZONE).build());
        }
        return software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder()
                .vpcEndpointId(e.id).vpcEndpointType(e.type).vpcId(e.vpcId).serviceName(e.serviceName)
                .state(e.state).policyDocument(e.policyDocument).routeTableIds(e.routeTableIds)
                .subnetIds(e.subnetIds).networkInterfaceIds(e.networkInterfaceIds)
                .groups(e.groupIds.stream().map(g -> SecurityGroupIdentifier.builder().groupId(g)
                        .groupName(s.securityGroups.containsKey(g) ? s.securityGroups.get(g).groupName : null)
                        .build()).toList())
                .privateDnsEnabled(e.privateDnsEnabled).requesterManaged(false).dnsEntries(dns)
                .creationTimestamp(e.created).ownerId(e.ownerId).ipAddressType("ipv4")
                .serviceRegion(e.endpointServiceId != null ? s.region : null)
                .tags(Tags.toSdk(e.tags)).build();
    }
}
