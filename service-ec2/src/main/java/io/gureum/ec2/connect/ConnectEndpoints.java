package io.gureum.ec2.connect;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceConnectEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceConnectEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2InstanceConnectEndpoint;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceConnectEndpointDnsNames;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceConnectEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceConnectEndpointResponse;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * EC2 Instance Connect Endpoints (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-with-ec2-instance-connect-endpoint.html).
 * Creating one makes its network interface in the subnet through the EC2 API in-process (so the subnet's free
 * addresses drop and the subnet cannot be deleted while the endpoint lives); deleting it deletes the interface.
 * No tunnel is opened: the endpoint is described, not connected through.
 */
public final class ConnectEndpoints {
    private static final Pattern ID = Pattern.compile("eice-[0-9a-f]{8,17}");
    private static final Set<String> TYPES = Set.of("ipv4", "dualstack", "ipv6");

    private static final class Store {
        final Map<String, ConnectEndpoint> byId = new LinkedHashMap<>();
        final Map<String, String> tokens = new LinkedHashMap<>();
    }

    private final ServiceContext context;
    private final Function<String[], Ec2Client> ec2;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());

    /** @param ec2 the EC2 API in-process for {account, region} */
    public ConnectEndpoints(ServiceContext context, Function<String[], Ec2Client> ec2) {
        this.context = context;
        this.ec2 = ec2;
    }

    public PlaceFamily records() {
        return new RegisteredFamily<>("instance-connect-endpoint", ConnectEndpoint.class, stores, s -> s.byId,
                e -> e.id, s -> s.tokens, context.registry());
    }

    private Ec2Client client() {
        RequestContext rc = RequestContext.current();
        return ec2.apply(new String[] {rc.accountId(), rc.region()});
    }

    private Instant now() {
        return context.clock().now();
    }

    /** The endpoints still described: a deletion that has run its course is dropped. */
    private Map<String, ConnectEndpoint> live(Store s) {
        Instant now = now();
        s.byId.values().removeIf(e -> e.state(now).equals("delete-complete"));
        return s.byId;
    }

    private ConnectEndpoint require(Store s, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missing("InstanceConnectEndpointId");
        }
        if (!ID.matcher(id).matches()) {
            throw new AwsException("InvalidInstanceConnectEndpointId.Malformed", "Invalid id: \"" + id + "\"", 400);
        }
        ConnectEndpoint e = live(s).get(id);
        if (e == null) {
            throw new AwsException("InvalidInstanceConnectEndpointId.NotFound", "The instance connect endpoint ID '"
                    + id + "' does not exist", 400);
        }
        return e;
    }

    private static String defaultType(Subnet subnet) {
        boolean v6 = subnet.hasIpv6CidrBlockAssociationSet() && !subnet.ipv6CidrBlockAssociationSet().isEmpty();
        if (Boolean.TRUE.equals(subnet.ipv6Native())) {
            return "ipv6";
        }
        return v6 ? "dualstack" : "ipv4";
    }

    private static void checkType(String type, Subnet subnet, boolean preserveClientIp) {
        if (!TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, "IpAddressType", "Valid values are ipv4, dualstack and ipv6.");
        }
        boolean v6 = subnet.hasIpv6CidrBlockAssociationSet() && !subnet.ipv6CidrBlockAssociationSet().isEmpty();
        if (!type.equals("ipv4") && !v6) {
            throw Ec2Errors.invalidParameterValue("The subnet " + subnet.subnetId() + " has no IPv6 CIDR block: "
                    + "IpAddressType " + type + " is not possible.");
        }
        if (type.equals("ipv4") && Boolean.TRUE.equals(subnet.ipv6Native())) {
            throw Ec2Errors.invalidParameterValue("The subnet " + subnet.subnetId() + " is IPv6-only: IpAddressType "
                    + "ipv4 is not possible.");
        }
        if (preserveClientIp && !type.equals("ipv4")) {
            throw Ec2Errors.combination("PreserveClientIp is only supported on IPv4 EC2 Instance Connect Endpoints.");
        }
    }

    /** The groups given (checked in the subnet's VPC), or the VPC's default security group. */
    private List<String> groups(Ec2Client client, String vpcId, List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of(client.describeSecurityGroups(b -> b.filters(
                    Filter.builder().name("vpc-id").values(vpcId).build(),
                    Filter.builder().name("group-name").values("default").build())).securityGroups().get(0).groupId());
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(given));
        var found = client.describeSecurityGroups(b -> b.groupIds(ids)).securityGroups();
        for (var g : found) {
            if (!g.vpcId().equals(vpcId)) {
                throw Ec2Errors.invalidParameterValue("The security group " + g.groupId() + " is not in the VPC "
                        + vpcId + " of the endpoint.");
            }
        }
        return ids;
    }

    public CreateInstanceConnectEndpointResponse createInstanceConnectEndpoint(CreateInstanceConnectEndpointRequest r) {
        Store s = stores.current();
        synchronized (s) {
            if (r.subnetId() == null || r.subnetId().isEmpty()) {
                throw Ec2Errors.missing("SubnetId");
            }
            if (r.clientToken() != null && s.tokens.containsKey(r.clientToken())) {
                ConnectEndpoint known = live(s).get(s.tokens.get(r.clientToken()));
                if (known != null && (!known.subnetId.equals(r.subnetId())
                        || known.preserveClientIp != Boolean.TRUE.equals(r.preserveClientIp())
                        || (r.ipAddressTypeAsString() != null && !r.ipAddressTypeAsString().equals(known.ipAddressType))
                        || (r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty()
                                && !java.util.Set.copyOf(r.securityGroupIds()).equals(java.util.Set.copyOf(
                                        known.securityGroupIds))))) {
                    throw io.gureum.ec2common.Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("Arguments on this "
                            + "idempotent request are inconsistent with arguments used in previous request(s).");
                }
                if (known != null) {
                    return CreateInstanceConnectEndpointResponse.builder().instanceConnectEndpoint(toSdk(known))
                            .clientToken(r.clientToken()).build();
                }
            }
            Ec2Client client = client();
            Subnet subnet = client.describeSubnets(b -> b.subnetIds(r.subnetId())).subnets().get(0);
            boolean preserve = Boolean.TRUE.equals(r.preserveClientIp());
            String type = r.ipAddressTypeAsString() == null ? defaultType(subnet) : r.ipAddressTypeAsString();
            checkType(type, subnet, preserve);
            List<String> groups = groups(client, subnet.vpcId(), r.hasSecurityGroupIds() ? r.securityGroupIds() : null);
            TagSpecifications.validate(r.tagSpecifications(), "instance-connect-endpoint");
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext rc = RequestContext.current();
            ConnectEndpoint e = new ConnectEndpoint(context.ids().next("eice"), rc.accountId(), rc.region(), now());
            e.subnetId = subnet.subnetId();
            e.vpcId = subnet.vpcId();
            e.availabilityZone = subnet.availabilityZone();
            e.availabilityZoneId = subnet.availabilityZoneId();
            e.preserveClientIp = preserve;
            e.ipAddressType = type;
            e.dnsLabel = context.ids().hex(8);
            e.securityGroupIds.addAll(groups);
            e.networkInterfaceId = client.createNetworkInterface(b -> b.subnetId(subnet.subnetId()).groups(groups)
                    .description("EC2 Instance Connect Endpoint " + e.id)).networkInterface().networkInterfaceId();
            e.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            e.register(context.registry());
            s.byId.put(e.id, e);
            if (r.clientToken() != null) {
                s.tokens.put(r.clientToken(), e.id);
            }
            return CreateInstanceConnectEndpointResponse.builder().instanceConnectEndpoint(toSdk(e))
                    .clientToken(r.clientToken()).build();
        }
    }

    public ModifyInstanceConnectEndpointResponse modifyInstanceConnectEndpoint(ModifyInstanceConnectEndpointRequest r) {
        Store s = stores.current();
        synchronized (s) {
            ConnectEndpoint e = require(s, r.instanceConnectEndpointId());
            boolean groupsGiven = r.hasSecurityGroupIds() && !r.securityGroupIds().isEmpty();
            if (!groupsGiven && r.preserveClientIp() == null && r.ipAddressType() == null) {
                throw Ec2Errors.missing("SecurityGroupIds, PreserveClientIp or IpAddressType");
            }
            String state = e.state(now());
            if (!state.equals("create-complete") && !state.equals("update-complete")) {
                throw new AwsException("IncorrectState", "The instance connect endpoint " + e.id + " is in the state "
                        + state + " and cannot be modified.", 400);
            }
            Ec2Client client = client();
            Subnet subnet = client.describeSubnets(b -> b.subnetIds(e.subnetId)).subnets().get(0);
            boolean preserve = r.preserveClientIp() != null ? r.preserveClientIp() : e.preserveClientIp;
            String type = r.ipAddressTypeAsString() != null ? r.ipAddressTypeAsString() : e.ipAddressType;
            checkType(type, subnet, preserve);
            List<String> groups = groupsGiven ? groups(client, e.vpcId, r.securityGroupIds()) : null;
            Ec2Errors.checkDryRun(r.dryRun());
            if (groups != null) {
                client.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(e.networkInterfaceId).groups(groups));
                e.securityGroupIds.clear();
                e.securityGroupIds.addAll(groups);
            }
            e.preserveClientIp = preserve;
            e.ipAddressType = type;
            e.state = "update-in-progress";
            e.stateSince = now();
            return ModifyInstanceConnectEndpointResponse.builder().returnValue(true).build();
        }
    }

    public DeleteInstanceConnectEndpointResponse deleteInstanceConnectEndpoint(DeleteInstanceConnectEndpointRequest r) {
        Store s = stores.current();
        synchronized (s) {
            ConnectEndpoint e = require(s, r.instanceConnectEndpointId());
            if (e.state(now()).equals("delete-in-progress")) {
                throw new AwsException("IncorrectState", "The instance connect endpoint " + e.id + " is already being "
                        + "deleted.", 400);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            deleteInterface(e);
            e.state = "delete-in-progress";
            e.stateSince = now();
            e.forget();
            return DeleteInstanceConnectEndpointResponse.builder().instanceConnectEndpoint(toSdk(e)).build();
        }
    }

    private void deleteInterface(ConnectEndpoint e) {
        try {
            client().deleteNetworkInterface(b -> b.networkInterfaceId(e.networkInterfaceId));
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException gone) {
            // Already gone (its subnet's VPC torn down meanwhile): nothing left to release.
        }
    }

    public DescribeInstanceConnectEndpointsResponse describeInstanceConnectEndpoints(
            DescribeInstanceConnectEndpointsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            Instant now = now();
            List<ConnectEndpoint> candidates = new ArrayList<>();
            if (r.hasInstanceConnectEndpointIds() && !r.instanceConnectEndpointIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.instanceConnectEndpointIds())) {
                    candidates.add(require(s, id));
                }
            } else {
                candidates.addAll(live(s).values());
            }
            Ec2Filters<ConnectEndpoint> filters = new Ec2Filters<ConnectEndpoint>(e -> e.tagMap())
                    .on("instance-connect-endpoint-id", e -> e.id)
                    .on("state", e -> e.state(now))
                    .on("subnet-id", e -> e.subnetId)
                    .on("vpc-id", e -> e.vpcId);
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            var page = Pagination.page(candidates.stream().filter(keep).toList(), r.maxResults(), r.nextToken(), 1, 50);
            return DescribeInstanceConnectEndpointsResponse.builder().instanceConnectEndpoints(page.items().stream()
                    .map(this::toSdk).toList()).nextToken(page.nextToken()).build();
        }
    }

    private Ec2InstanceConnectEndpoint toSdk(ConnectEndpoint e) {
        var names = software.amazon.awssdk.services.ec2.model.InstanceConnectEndpointPublicDnsNames.builder()
                .ipv4(InstanceConnectEndpointDnsNames.builder().dnsName(e.dnsName()).fipsDnsName(e.fipsDnsName())
                        .build());
        if (!e.ipAddressType.equals("ipv4")) {
            names.dualstack(InstanceConnectEndpointDnsNames.builder()
                    .dnsName(e.id + "." + e.dnsLabel + ".ec2-instance-connect-endpoint." + e.region + ".api.aws")
                    .fipsDnsName(e.id + "." + e.dnsLabel + ".fips.ec2-instance-connect-endpoint." + e.region
                            + ".api.aws").build());
        }
        return Ec2InstanceConnectEndpoint.builder().ownerId(e.ownerId).instanceConnectEndpointId(e.id)
                .instanceConnectEndpointArn(e.arn()).state(e.state(now())).stateMessage("")
                .dnsName(e.dnsName()).fipsDnsName(e.fipsDnsName()).networkInterfaceIds(e.networkInterfaceId)
                .vpcId(e.vpcId).availabilityZone(e.availabilityZone).availabilityZoneId(e.availabilityZoneId)
                .createdAt(e.created).subnetId(e.subnetId).preserveClientIp(e.preserveClientIp)
                .securityGroupIds(e.securityGroupIds).tags(e.sdkTags()).ipAddressType(e.ipAddressType)
                .publicDnsNames(names.build()).build();
    }
}
