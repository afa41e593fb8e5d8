package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VerifiedAccessEndpoint;
import io.gureum.vpc.model.VerifiedAccessGroup;
import io.gureum.vpc.net.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointPortRange;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointTargetsRequest;
import software.amazon.awssdk.services.ec2.model.GetVerifiedAccessEndpointTargetsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointPortRange;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointPortRange;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointStatus;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpointTarget;

/**
 * Verified Access endpoints (https://docs.aws.amazon.com/verified-access/latest/ug/verified-access-endpoints.html),
 * attached to a VPC through security groups. A {@code network-interface} endpoint needs an interface of the
 * account (and security groups of its VPC); a {@code cidr} endpoint a CIDR, subnets and TCP port ranges, and its
 * targets are the interfaces of those subnets whose address is in the CIDR. {@code load-balancer} and {@code rds}
 * endpoints name a load balancer or a database by ARN, and Gureum serves neither Elastic Load Balancing nor RDS:
 * once their options are checked, they fail as AWS fails for a resource that does not exist
 * ({@code InvalidParameterValue}). HTTP(S) endpoints take one {@code Port}, TCP endpoints {@code PortRanges}
 * (a {@code Port} with {@code tcp} is {@code InvalidParameterValue}, as AWS answers). The status follows the
 * clock: {@code pending} for {@link #TRANSITION}, then {@code active}; {@code updating} for as long after each
 * ModifyVerifiedAccessEndpoint; after DeleteVerifiedAccessEndpoint {@code deleting}, then {@code deleted}, still
 * described for {@link #VISIBLE_AFTER_DELETE}.
 */
public final class VerifiedAccessEndpoints {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private static final List<String> TYPES = List.of("load-balancer", "network-interface", "rds", "cidr");
    private static final List<String> PROTOCOLS = List.of("http", "https", "tcp");
    private final Network net;
    private final Filters<VerifiedAccessEndpoint> filters;

    VerifiedAccessEndpoints(Network net) {
        this.net = net;
        this.filters = new Filters<VerifiedAccessEndpoint>().on("verified-access-endpoint-id", e -> e.id)
                .on("verified-access-group-id", e -> e.groupId)
                .on("verified-access-instance-id", e -> e.instanceId);
    }

    /** The status code at the clock's current time. */
    String status(VerifiedAccessEndpoint e) {
        Instant now = net.now();
        if (e.deleteRequested != null) {
            return now.isBefore(e.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        if (now.isBefore(e.created.plus(TRANSITION))) {
            return "pending";
        }
        if (e.updateRequested != null && now.isBefore(e.updateRequested.plus(TRANSITION))) {
            return "updating";
        }
        return "active";
    }

    /** An endpoint the caller may use: one that exists and is not deleted. */
    VerifiedAccessEndpoint require(VpcStore s, String id) {
        VerifiedAccess.require(id, "VerifiedAccessEndpointId");
        VerifiedAccessEndpoint e = s.vaEndpoints.get(id);
        if (e == null || status(e).equals("deleted")) {
            throw VerifiedAccess.endpointNotFound(id);
        }
        return e;
    }

    /** Whether the group still has an endpoint not yet deleted. */
    boolean holds(VpcStore s, String groupId) {
        return s.vaEndpoints.values().stream().anyMatch(e -> e.groupId.equals(groupId) && !status(e).equals("deleted"));
    }

    /** Whether an endpoint not yet deleted uses the security group (which then cannot be deleted). */
    boolean usesSecurityGroup(VpcStore s, String groupId) {
        return s.vaEndpoints.values().stream()
                .anyMatch(e -> e.securityGroupIds.contains(groupId) && !status(e).equals("deleted"));
    }

    /** Deleted endpoints leave the registry, and the store an hour later. Called before each operation. */
    void settle(VpcStore s) {
        if (s.vaEndpoints.isEmpty()) {
            return;
        }
        for (VerifiedAccessEndpoint e : List.copyOf(s.vaEndpoints.values())) {
            if (e.deleteRequested == null || !status(e).equals("deleted")) {
                continue;
            }
            if (s.registered(e)) {
                s.forget(e);
            }
            if (!net.now().isBefore(e.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.vaEndpoints, e.id);
            }
        }
    }

    private static void oneOf(String value, List<String> allowed, String parameter) {
        if (value != null && !allowed.contains(value)) {
            throw Ec2Errors.invalidValue(value, parameter, "Valid values: " + String.join(" | ", allowed));
        }
    }

    /** A port, or port ranges, as the protocol needs them. */
    private static List<VerifiedAccessEndpointPortRange> ports(String protocol, Integer port, List<Integer[]> ranges,
            String options) {
        VerifiedAccess.require(protocol, options + ".Protocol");
        oneOf(protocol, PROTOCOLS, options + ".Protocol");
        List<VerifiedAccessEndpointPortRange> out = new ArrayList<>();
        if (protocol.equals("tcp")) {
            if (port != null) {
                throw Ec2Errors.invalidValue(String.valueOf(port), options + ".Port",
                        "A TCP endpoint takes port ranges, not a port.");
            }
            if (ranges.isEmpty()) {
                throw Ec2Errors.missing(options + ".PortRanges");
            }
            for (Integer[] r : ranges) {
                if (r[0] == null || r[1] == null) {
                    throw Ec2Errors.missing(options + ".PortRanges.FromPort/ToPort");
                }
                if (r[0] > r[1]) {
                    throw Ec2Errors.invalidValue(r[0] + "-" + r[1], options + ".PortRanges",
                            "FromPort must not be greater than ToPort.");
                }
                out.add(VerifiedAccessEndpointPortRange.builder().fromPort(r[0]).toPort(r[1]).build());
            }
            return out;
        }
        if (!ranges.isEmpty()) {
            throw Ec2Errors.invalidValue("PortRanges", options + ".PortRanges",
                    "An HTTP or HTTPS endpoint takes one port, not port ranges.");
        }
        VerifiedAccess.require(port, options + ".Port");
        out.add(VerifiedAccessEndpointPortRange.builder().fromPort(port).toPort(port).build());
        return out;
    }

    private static List<Integer[]> createRanges(List<CreateVerifiedAccessEndpointPortRange> list) {
        return list == null ? List.of() : list.stream().map(r -> new Integer[] {r.fromPort(), r.toPort()}).toList();
    }

    private static List<Integer[]> modifyRanges(List<ModifyVerifiedAccessEndpointPortRange> list) {
        return list == null ? List.of() : list.stream().map(r -> new Integer[] {r.fromPort(), r.toPort()}).toList();
    }

    /** Subnets of the account, in one VPC, at most one per Availability Zone. */
    private List<String> subnets(VpcStore s, List<String> ids, String vpcId, String parameter) {
        Set<String> zones = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Subnet sn = net.subnets.require(s, id);
            if (!sn.vpcId.equals(vpcId)) {
                throw Ec2Errors.invalidValue(id, parameter, "The subnets must be in the VPC of the security groups.");
            }
            if (!zones.add(sn.availabilityZone)) {
                throw Ec2Errors.invalidValue(id, parameter, "You can specify only one subnet per Availability Zone.");
            }
            out.add(sn.id);
        }
        return out;
    }

    public CreateVerifiedAccessEndpointResponse createVerifiedAccessEndpoint(CreateVerifiedAccessEndpointRequest r) {
        VpcStore s = net.store();
        VerifiedAccessGroup group = net.vaGroups.require(s, r.verifiedAccessGroupId());
        String type = r.endpointTypeAsString();
        VerifiedAccess.require(type, "EndpointType");
        VerifiedAccess.require(r.attachmentTypeAsString(), "AttachmentType");
        oneOf(type, TYPES, "EndpointType");
        oneOf(r.attachmentTypeAsString(), List.of("vpc"), "AttachmentType");
        if (!r.hasSecurityGroupIds() || r.securityGroupIds().isEmpty()) {
            throw Ec2Errors.missing("SecurityGroupIds");
        }
        String vpcId = null;
        List<String> groups = new ArrayList<>();
        for (String id : new LinkedHashSet<>(r.securityGroupIds())) {
            SecurityGroup sg = net.securityGroups.require(s, id);
            if (vpcId != null && !vpcId.equals(sg.vpcId)) {
                throw Ec2Errors.invalidValue(id, "SecurityGroupIds", "The security groups must be in one VPC.");
            }
            vpcId = sg.vpcId;
            groups.add(sg.id);
        }
        checkOptionsOfType(r, type);
        VerifiedAccessEndpointEniOptions eniOptions = null;
        VerifiedAccessEndpointCidrOptions cidrOptions = null;
        String protocol = null;
        switch (type) {
            case "network-interface" -> {
                var o = r.networkInterfaceOptions();
                VerifiedAccess.require(o, "NetworkInterfaceOptions");
                VerifiedAccess.require(o.networkInterfaceId(), "NetworkInterfaceOptions.NetworkInterfaceId");
                NetworkInterface eni = net.networkInterfaces.require(s, o.networkInterfaceId());
                if (!eni.vpcId.equals(vpcId)) {
                    throw Ec2Errors.invalidValue(eni.id, "NetworkInterfaceOptions.NetworkInterfaceId",
                            "The network interface must be in the VPC of the security groups.");
                }
                protocol = o.protocolAsString();
                var ranges = ports(protocol, o.port(), createRanges(o.portRanges()), "NetworkInterfaceOptions");
                eniOptions = VerifiedAccessEndpointEniOptions.builder().networkInterfaceId(eni.id)
                        .protocol(protocol).port(o.port()).portRanges(ranges).build();
            }
            case "cidr" -> {
                var o = r.cidrOptions();
                VerifiedAccess.require(o, "CidrOptions");
                VerifiedAccess.require(o.cidr(), "CidrOptions.Cidr");
                Cidr cidr = Cidr.tryParse(o.cidr());
                if (cidr == null) {
                    throw Ec2Errors.invalidValue(o.cidr(), "CidrOptions.Cidr", "It is not a valid IPv4 CIDR block.");
                }
                protocol = o.protocolAsString();
                VerifiedAccess.require(protocol, "CidrOptions.Protocol");
                if (!"tcp".equals(protocol)) {
                    throw Ec2Errors.invalidValue(protocol, "CidrOptions.Protocol", "A CIDR endpoint is TCP only.");
                }
                var ranges = ports(protocol, null, createRanges(o.portRanges()), "CidrOptions");
                if (!o.hasSubnetIds() || o.subnetIds().isEmpty()) {
                    throw Ec2Errors.missing("CidrOptions.SubnetIds");
                }
                List<String> subnets = subnets(s, o.subnetIds(), vpcId, "CidrOptions.SubnetIds");
                cidrOptions = VerifiedAccessEndpointCidrOptions.builder().cidr(o.cidr()).protocol(protocol)
                        .portRanges(ranges).subnetIds(subnets).build();
            }
            case "load-balancer" -> {
                var o = r.loadBalancerOptions();
                VerifiedAccess.require(o, "LoadBalancerOptions");
                VerifiedAccess.require(o.loadBalancerArn(), "LoadBalancerOptions.LoadBalancerArn");
                ports(o.protocolAsString(), o.port(), createRanges(o.portRanges()), "LoadBalancerOptions");
                if (o.hasSubnetIds()) {
                    subnets(s, o.subnetIds(), vpcId, "LoadBalancerOptions.SubnetIds");
                }
                protocol = o.protocolAsString();
                checkDomain(r, protocol);
                throw Ec2Errors.invalidValue(o.loadBalancerArn(), "LoadBalancerOptions.LoadBalancerArn",
                        "The load balancer does not exist.");
            }
            default -> {
                var o = r.rdsOptions();
                VerifiedAccess.require(o, "RdsOptions");
                long named = java.util.stream.Stream.of(o.rdsDbInstanceArn(), o.rdsDbClusterArn(), o.rdsDbProxyArn())
                        .filter(x -> x != null).count();
                if (named != 1) {
                    throw Ec2Errors.combination("Specify exactly one of RdsDbInstanceArn, RdsDbClusterArn and"
                            + " RdsDbProxyArn.");
                }
                ports(o.protocolAsString(), o.port(), List.of(), "RdsOptions");
                if (o.hasSubnetIds()) {
                    subnets(s, o.subnetIds(), vpcId, "RdsOptions.SubnetIds");
                }
                String arn = o.rdsDbInstanceArn() != null ? o.rdsDbInstanceArn()
                        : o.rdsDbClusterArn() != null ? o.rdsDbClusterArn() : o.rdsDbProxyArn();
                throw Ec2Errors.invalidValue(arn, "RdsOptions", "The database does not exist.");
            }
        }
        checkDomain(r, protocol);
        VerifiedAccess.checkPolicy(r.policyDocument());
        Tags.validate(r.tagSpecifications(), "verified-access-endpoint");
        var sse = VerifiedAccess.sse(r.sseSpecification(), null);
        String fingerprint = VerifiedAccess.fingerprint(r);
        VerifiedAccessEndpoint earlier = VerifiedAccess.earlier(s.vaEndpoints, r.clientToken(), fingerprint,
                x -> x.clientToken, x -> x.requestFingerprint);
        Ec2Errors.checkDryRun(r.dryRun());
        if (earlier != null) {
            return CreateVerifiedAccessEndpointResponse.builder().verifiedAccessEndpoint(toSdk(s, earlier)).build();
        }
        VerifiedAccessEndpoint made = new VerifiedAccessEndpoint(net.id("vae"), s.account, net.now());
        made.groupId = group.id;
        made.instanceId = group.instanceId;
        made.endpointType = type;
        made.attachmentType = r.attachmentTypeAsString();
        made.domainCertificateArn = r.domainCertificateArn();
        made.applicationDomain = r.applicationDomain();
        if (r.endpointDomainPrefix() != null) {
            made.endpointDomain = r.endpointDomainPrefix() + "." + made.id.replace("vae-", "edge-") + "."
                    + group.instanceId + ".prod.verified-access." + s.region + ".amazonaws.com";
        }
        made.securityGroupIds.addAll(groups);
        made.networkInterfaceOptions = eniOptions;
        made.cidrOptions = cidrOptions;
        made.description = r.description();
        made.policyDocument = r.policyDocument();
        made.policyEnabled = r.policyDocument() != null;
        made.sse = sse;
        made.lastUpdated = made.created;
        made.clientToken = r.clientToken();
        made.requestFingerprint = fingerprint;
        Tags.apply(r.tagSpecifications(), made);
        s.put(s.vaEndpoints, made);
        return CreateVerifiedAccessEndpointResponse.builder().verifiedAccessEndpoint(toSdk(s, made)).build();
    }

    /** The options of another endpoint type are refused. */
    private static void checkOptionsOfType(CreateVerifiedAccessEndpointRequest r, String type) {
        List<String> given = new ArrayList<>();
        if (r.loadBalancerOptions() != null && !type.equals("load-balancer")) {
            given.add("LoadBalancerOptions");
        }
        if (r.networkInterfaceOptions() != null && !type.equals("network-interface")) {
            given.add("NetworkInterfaceOptions");
        }
        if (r.rdsOptions() != null && !type.equals("rds")) {
            given.add("RdsOptions");
        }
        if (r.cidrOptions() != null && !type.equals("cidr")) {
            given.add("CidrOptions");
        }
        if (!given.isEmpty()) {
            throw Ec2Errors.combination(String.join(", ", given) + " cannot be used with endpoint type " + type + ".");
        }
    }

    /**
     * HTTP(S) endpoints are reached by name: they need the application's domain, the ACM certificate for it and
     * the prefix of the generated endpoint domain. TCP endpoints take none of them.
     */
    private static void checkDomain(CreateVerifiedAccessEndpointRequest r, String protocol) {
        if ("tcp".equals(protocol)) {
            if (r.applicationDomain() != null || r.domainCertificateArn() != null || r.endpointDomainPrefix() != null) {
                throw Ec2Errors.combination("ApplicationDomain, DomainCertificateArn and EndpointDomainPrefix apply only to"
                        + " HTTP and HTTPS endpoints.");
            }
            return;
        }
        VerifiedAccess.require(r.applicationDomain(), "ApplicationDomain");
        VerifiedAccess.require(r.domainCertificateArn(), "DomainCertificateArn");
        VerifiedAccess.require(r.endpointDomainPrefix(), "EndpointDomainPrefix");
        if (!r.domainCertificateArn().matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+")) {
            throw Ec2Errors.invalidValue(r.domainCertificateArn(), "DomainCertificateArn",
                    "It is not an ACM certificate ARN.");
        }
        if (!r.endpointDomainPrefix().matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw Ec2Errors.invalidValue(r.endpointDomainPrefix(), "EndpointDomainPrefix",
                    "It must be a DNS label of lowercase letters, digits and hyphens.");
        }
    }

    public DescribeVerifiedAccessEndpointsResponse describeVerifiedAccessEndpoints(
            DescribeVerifiedAccessEndpointsRequest r) {
        VpcStore s = net.store();
        if (r.verifiedAccessInstanceId() != null) {
            net.vaInstances.require(s, r.verifiedAccessInstanceId());
        }
        if (r.verifiedAccessGroupId() != null) {
            net.vaGroups.require(s, r.verifiedAccessGroupId());
        }
        List<VerifiedAccessEndpoint> found = new ArrayList<>();
        if (r.hasVerifiedAccessEndpointIds() && !r.verifiedAccessEndpointIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.verifiedAccessEndpointIds())) {
                VerifiedAccessEndpoint e = s.vaEndpoints.get(id);
                if (e == null) {
                    throw VerifiedAccess.endpointNotFound(id);
                }
                found.add(e);
            }
        } else {
            found.addAll(s.vaEndpoints.values());
        }
        var matching = found.stream()
                .filter(e -> r.verifiedAccessInstanceId() == null || r.verifiedAccessInstanceId().equals(e.instanceId))
                .filter(e -> r.verifiedAccessGroupId() == null || r.verifiedAccessGroupId().equals(e.groupId))
                .filter(filters.predicate(r.filters())).toList();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVerifiedAccessEndpointsResponse.builder()
                .verifiedAccessEndpoints(page.items().stream().map(e -> toSdk(s, e)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyVerifiedAccessEndpointResponse modifyVerifiedAccessEndpoint(ModifyVerifiedAccessEndpointRequest r) {
        VpcStore s = net.store();
        VerifiedAccessEndpoint e = require(s, r.verifiedAccessEndpointId());
        VerifiedAccessGroup group = r.verifiedAccessGroupId() == null ? null
                : net.vaGroups.require(s, r.verifiedAccessGroupId());
        List<String> other = new ArrayList<>();
        if (r.loadBalancerOptions() != null) {
            other.add("LoadBalancerOptions");
        }
        if (r.rdsOptions() != null) {
            other.add("RdsOptions");
        }
        if (r.networkInterfaceOptions() != null && !e.endpointType.equals("network-interface")) {
            other.add("NetworkInterfaceOptions");
        }
        if (r.cidrOptions() != null && !e.endpointType.equals("cidr")) {
            other.add("CidrOptions");
        }
        if (!other.isEmpty()) {
            throw Ec2Errors.combination(String.join(", ", other) + " cannot be used with endpoint type "
                    + e.endpointType + ".");
        }
        VerifiedAccessEndpointEniOptions eni = e.networkInterfaceOptions;
        if (r.networkInterfaceOptions() != null) {
            var o = r.networkInterfaceOptions();
            String protocol = o.protocolAsString() != null ? o.protocolAsString() : eni.protocolAsString();
            boolean portsGiven = o.port() != null || o.portRanges() != null && !o.portRanges().isEmpty();
            Integer port = portsGiven ? o.port() : eni.port();
            List<Integer[]> ranges = portsGiven ? modifyRanges(o.portRanges())
                    : protocol.equals("tcp") ? eni.portRanges().stream()
                            .map(x -> new Integer[] {x.fromPort(), x.toPort()}).toList() : List.of();
            if (!protocol.equals(eni.protocolAsString()) && !portsGiven) {
                throw Ec2Errors.missing(protocol.equals("tcp") ? "NetworkInterfaceOptions.PortRanges"
                        : "NetworkInterfaceOptions.Port");
            }
            var list = ports(protocol, port, ranges, "NetworkInterfaceOptions");
            eni = eni.toBuilder().protocol(protocol).port(protocol.equals("tcp") ? null : port).portRanges(list)
                    .build();
        }
        VerifiedAccessEndpointCidrOptions cidr = e.cidrOptions;
        if (r.cidrOptions() != null && r.cidrOptions().portRanges() != null && !r.cidrOptions().portRanges().isEmpty()) {
            cidr = cidr.toBuilder().portRanges(ports("tcp", null, modifyRanges(r.cidrOptions().portRanges()),
                    "CidrOptions")).build();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (group != null) {
            e.groupId = group.id;
            e.instanceId = group.instanceId;
        }
        e.networkInterfaceOptions = eni;
        e.cidrOptions = cidr;
        if (r.description() != null) {
            e.description = r.description();
        }
        e.lastUpdated = net.now();
        e.updateRequested = net.now();
        return ModifyVerifiedAccessEndpointResponse.builder().verifiedAccessEndpoint(toSdk(s, e)).build();
    }

    public DeleteVerifiedAccessEndpointResponse deleteVerifiedAccessEndpoint(DeleteVerifiedAccessEndpointRequest r) {
        VpcStore s = net.store();
        VerifiedAccessEndpoint e = require(s, r.verifiedAccessEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        if (e.deleteRequested == null) {
            e.deleteRequested = net.now();
        }
        return DeleteVerifiedAccessEndpointResponse.builder().verifiedAccessEndpoint(toSdk(s, e)).build();
    }

    public GetVerifiedAccessEndpointPolicyResponse getVerifiedAccessEndpointPolicy(
            GetVerifiedAccessEndpointPolicyRequest r) {
        VpcStore s = net.store();
        VerifiedAccessEndpoint e = require(s, r.verifiedAccessEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        return GetVerifiedAccessEndpointPolicyResponse.builder().policyEnabled(e.policyEnabled)
                .policyDocument(e.policyDocument).build();
    }

    public ModifyVerifiedAccessEndpointPolicyResponse modifyVerifiedAccessEndpointPolicy(
            ModifyVerifiedAccessEndpointPolicyRequest r) {
        VpcStore s = net.store();
        VerifiedAccessEndpoint e = require(s, r.verifiedAccessEndpointId());
        var policy = VerifiedAccess.policy(r.policyEnabled(), r.policyDocument(),
                new VerifiedAccess.Policy(e.policyEnabled, e.policyDocument));
        var sse = VerifiedAccess.sse(r.sseSpecification(), e.sse);
        Ec2Errors.checkDryRun(r.dryRun());
        e.policyEnabled = policy.enabled();
        e.policyDocument = policy.document();
        e.sse = sse;
        e.lastUpdated = net.now();
        return ModifyVerifiedAccessEndpointPolicyResponse.builder().policyEnabled(e.policyEnabled)
                .policyDocument(e.policyDocument).sseSpecification(e.sse).build();
    }

    /**
     * The targets of a network CIDR endpoint: the network interfaces of its subnets whose primary address is in
     * its CIDR. Other endpoint types have none to list ({@code InvalidParameterValue}).
     */
    public GetVerifiedAccessEndpointTargetsResponse getVerifiedAccessEndpointTargets(
            GetVerifiedAccessEndpointTargetsRequest r) {
        VpcStore s = net.store();
        VerifiedAccessEndpoint e = require(s, r.verifiedAccessEndpointId());
        if (!e.endpointType.equals("cidr")) {
            throw Ec2Errors.invalidValue(e.id, "VerifiedAccessEndpointId", "The endpoint is not a network CIDR endpoint.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Cidr cidr = Cidr.parse(e.cidrOptions.cidr());
        Set<String> subnets = new HashSet<>(e.cidrOptions.subnetIds());
        List<VerifiedAccessEndpointTarget> targets = new ArrayList<>();
        for (NetworkInterface eni : s.networkInterfaces.values()) {
            if (subnets.contains(eni.subnetId) && cidr.contains(Cidr.parseAddress(eni.privateIp))) {
                targets.add(VerifiedAccessEndpointTarget.builder().verifiedAccessEndpointId(e.id)
                        .verifiedAccessEndpointTargetIpAddress(eni.privateIp).build());
            }
        }
        var page = Pagination.page(targets, r.maxResults(), r.nextToken(), 5, 1000);
        return GetVerifiedAccessEndpointTargetsResponse.builder().verifiedAccessEndpointTargets(page.items())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint toSdk(VpcStore s, VerifiedAccessEndpoint e) {
        String status = status(e);
        return software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint.builder()
                .verifiedAccessInstanceId(e.instanceId).verifiedAccessGroupId(e.groupId)
                .verifiedAccessEndpointId(e.id).applicationDomain(e.applicationDomain).endpointType(e.endpointType)
                .attachmentType(e.attachmentType).domainCertificateArn(e.domainCertificateArn)
                .endpointDomain(e.endpointDomain).deviceValidationDomain(e.deviceValidationDomain)
                .securityGroupIds(e.securityGroupIds).networkInterfaceOptions(e.networkInterfaceOptions)
                .loadBalancerOptions(e.loadBalancerOptions).rdsOptions(e.rdsOptions).cidrOptions(e.cidrOptions)
                .status(VerifiedAccessEndpointStatus.builder().code(status).build()).description(e.description)
                .creationTime(VerifiedAccess.time(e.created)).lastUpdatedTime(VerifiedAccess.time(e.lastUpdated))
                .deletionTime(status.equals("deleted") ? VerifiedAccess.time(e.deleteRequested.plus(TRANSITION)) : null)
                .tags(Tags.toSdk(s.tagsOf(e))).sseSpecification(e.sse).build();
    }
}
