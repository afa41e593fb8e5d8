package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.ClientVpnEndpoint;
import io.gureum.vpc.model.ClientVpnEndpoint.AuthorizationRule;
import io.gureum.vpc.model.ClientVpnEndpoint.Route;
import io.gureum.vpc.model.ClientVpnEndpoint.TargetNetwork;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.ApplySecurityGroupsToClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.ApplySecurityGroupsToClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.AssociateClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.AssociateClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.AssociationStatus;
import software.amazon.awssdk.services.ec2.model.AuthorizeClientVpnIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeClientVpnIngressResponse;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthorizationRuleStatus;
import software.amazon.awssdk.services.ec2.model.ClientVpnRouteStatus;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnRouteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnAuthorizationRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnAuthorizationRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnRoutesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnRoutesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnTargetNetworksRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnTargetNetworksResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateClientVpnTargetNetworkRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateClientVpnTargetNetworkResponse;
import software.amazon.awssdk.services.ec2.model.RevokeClientVpnIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeClientVpnIngressResponse;
import software.amazon.awssdk.services.ec2.model.TargetNetwork.Builder;

/**
 * What a Client VPN endpoint reaches (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-target.html):
 * target networks (one subnet per Availability Zone, all in the endpoint's VPC; each association adds a route to
 * the VPC's CIDR through its subnet), the security groups applied to them, ingress authorization rules and the
 * route table. Each goes through its transitional state ({@code associating}, {@code authorizing},
 * {@code creating}; {@code disassociating}, {@code revoking}, {@code deleting}) for
 * {@link ClientVpnEndpoints#TRANSITION} on the clock.
 */
public final class ClientVpnTargets {
    private final Network net;

    ClientVpnTargets(Network net) {
        this.net = net;
    }

    private static AwsException associationNotFound(String id) {
        return new AwsException("InvalidClientVpnAssociationIdNotFound", "The association ID '" + id
                + "' does not exist", 400);
    }

    // ---- states on the clock

    private boolean settling(Instant since, Instant now) {
        return now.isBefore(since.plus(ClientVpnEndpoints.TRANSITION));
    }

    /** {@code associating}, {@code associated}, {@code disassociating}, or null once gone. */
    String associationState(TargetNetwork t) {
        Instant now = net.now();
        if (t.disassociateRequested != null) {
            return settling(t.disassociateRequested, now) ? "disassociating" : null;
        }
        return settling(t.associated, now) ? "associating" : "associated";
    }

    private String ruleState(AuthorizationRule a) {
        Instant now = net.now();
        if (a.revokeRequested != null) {
            return settling(a.revokeRequested, now) ? "revoking" : null;
        }
        return settling(a.authorized, now) ? "authorizing" : "active";
    }

    private String routeState(Route r) {
        Instant now = net.now();
        if (r.deleteRequested != null) {
            return settling(r.deleteRequested, now) ? "deleting" : null;
        }
        return settling(r.created, now) ? "creating" : "active";
    }

    /** Removes what has finished going. */
    void settle(ClientVpnEndpoint e, Instant now) {
        e.targetNetworks.removeIf(t -> t.disassociateRequested != null && !settling(t.disassociateRequested, now));
        e.rules.removeIf(a -> a.revokeRequested != null && !settling(a.revokeRequested, now));
        e.routes.removeIf(r -> r.deleteRequested != null && !settling(r.deleteRequested, now));
    }

    /** Whether a Client VPN association holds the subnet (its network interfaces live there). */
    boolean holdsSubnet(VpcStore s, String subnetId) {
        return s.clientVpnEndpoints.values().stream().anyMatch(e -> e.targetNetworks.stream()
                .anyMatch(t -> t.subnetId.equals(subnetId)));
    }

    // ---- target networks

    public AssociateClientVpnTargetNetworkResponse associateClientVpnTargetNetwork(
            AssociateClientVpnTargetNetworkRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        if (r.availabilityZone() != null || r.availabilityZoneId() != null) {
            throw new AwsException("NotImplemented", "AvailabilityZone: associations of Client VPN endpoints "
                    + "attached to a transit gateway are not emulated.", 501, false);
        }
        if (r.subnetId() == null) {
            throw Ec2Errors.missing("SubnetId");
        }
        if (r.clientToken() != null) {
            for (TargetNetwork t : e.targetNetworks) {
                if (r.clientToken().equals(t.clientToken) && t.subnetId.equals(r.subnetId())) {
                    return AssociateClientVpnTargetNetworkResponse.builder().associationId(t.associationId)
                            .status(status(t)).build();
                }
            }
        }
        Subnet sn = net.subnets.require(s, r.subnetId());
        if (e.vpcId != null && !e.vpcId.equals(sn.vpcId)) {
            throw Ec2Errors.invalidParameterValue("The subnet " + sn.id + " is not in " + e.vpcId + ", the VPC of "
                    + e.id + ". Change the endpoint's VPC first (ModifyClientVpnEndpoint).");
        }
        List<TargetNetwork> live = e.targetNetworks.stream().filter(t -> t.disassociateRequested == null).toList();
        if (live.stream().anyMatch(t -> t.subnetId.equals(sn.id))) {
            throw new AwsException("InvalidClientVpnDuplicateAssociationException", "The subnet " + sn.id
                    + " is already associated with " + e.id + ".", 400);
        }
        if (live.stream().anyMatch(t -> t.availabilityZone.equals(sn.availabilityZone))) {
            throw new AwsException("InvalidClientVpnSubnetId.DuplicateAz", "A subnet of Availability Zone "
                    + sn.availabilityZone + " is already associated with " + e.id + ".", 400);
        }
        if (sn.cidr.prefix() > 27) {
            throw Ec2Errors.invalidParameterValue("The subnet " + sn.id + " must have a CIDR block of at least /27.");
        }
        Vpc vpc = net.vpcs.require(s, sn.vpcId);
        if (e.clientCidrBlock != null) {
            Cidr client = Cidr.parse(e.clientCidrBlock);
            for (var block : vpc.cidrs) {
                if ("associated".equals(block.state) && block.cidr.overlaps(client)) {
                    throw new AwsException("InvalidClientVpnSubnetId.OverlappingCidr", "The client CIDR "
                            + e.clientCidrBlock + " of " + e.id + " overlaps the CIDR " + block.cidr + " of "
                            + vpc.id + ".", 400);
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (e.vpcId == null) {
            e.vpcId = vpc.id;
        }
        if (e.securityGroupIds.isEmpty()) {
            e.securityGroupIds.add(vpc.defaultSecurityGroupId);
        }
        Instant now = net.now();
        TargetNetwork t = new TargetNetwork();
        t.associationId = net.id("cvpn-assoc");
        t.subnetId = sn.id;
        t.vpcId = vpc.id;
        t.availabilityZone = sn.availabilityZone;
        t.availabilityZoneId = sn.availabilityZoneId;
        t.clientToken = r.clientToken();
        t.associated = now;
        e.targetNetworks.add(t);
        // The association adds the route to the VPC's (primary) CIDR through the subnet.
        Route route = new Route();
        route.destinationCidr = vpc.cidrs.get(0).cidr.toString();
        route.targetSubnet = sn.id;
        route.type = "Nat";
        route.origin = "associate";
        route.description = "Default Route";
        route.created = now;
        e.routes.add(route);
        return AssociateClientVpnTargetNetworkResponse.builder().associationId(t.associationId).status(status(t))
                .build();
    }

    /**
     * DisassociateClientVpnTargetNetwork: the routes through the subnet go with it, and the endpoint is
     * {@code pending-associate} again once no subnet is left.
     */
    public DisassociateClientVpnTargetNetworkResponse disassociateClientVpnTargetNetwork(
            DisassociateClientVpnTargetNetworkRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        TargetNetwork t = e.targetNetworks.stream().filter(x -> x.associationId.equals(r.associationId())
                && x.disassociateRequested == null).findFirst().orElseThrow(() -> associationNotFound(
                        r.associationId()));
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = net.now();
        t.disassociateRequested = now;
        for (Route route : e.routes) {
            if (t.subnetId.equals(route.targetSubnet) && route.deleteRequested == null) {
                route.deleteRequested = now;
            }
        }
        return DisassociateClientVpnTargetNetworkResponse.builder().associationId(t.associationId).status(status(t))
                .build();
    }

    private AssociationStatus status(TargetNetwork t) {
        String state = associationState(t);
        return AssociationStatus.builder().code(state == null ? "disassociated" : state).build();
    }

    public DescribeClientVpnTargetNetworksResponse describeClientVpnTargetNetworks(
            DescribeClientVpnTargetNetworksRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<String> ids = r.hasAssociationIds() ? r.associationIds() : List.of();
        var filter = new Filters<Wrapped<TargetNetwork>>()
                .on("association-id", w -> w.v.associationId)
                .on("target-network-id", w -> w.v.subnetId)
                .on("vpc-id", w -> w.v.vpcId)
                .predicate(r.filters());
        List<Wrapped<TargetNetwork>> found = e.targetNetworks.stream()
                .filter(t -> ids.isEmpty() || ids.contains(t.associationId))
                .map(t -> new Wrapped<>(e, t)).filter(filter).toList();
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeClientVpnTargetNetworksResponse.builder().clientVpnTargetNetworks(page.items().stream()
                .map(w -> toSdk(e, w.v)).toList()).nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.TargetNetwork toSdk(ClientVpnEndpoint e, TargetNetwork t) {
        Builder b = software.amazon.awssdk.services.ec2.model.TargetNetwork.builder().associationId(t.associationId)
                .vpcId(t.vpcId).targetNetworkId(t.subnetId).clientVpnEndpointId(e.id).status(status(t))
                .securityGroups(e.securityGroupIds);
        return b.build();
    }

    /** ApplySecurityGroupsToClientVpnTargetNetwork: the groups (of the endpoint's VPC) replace the endpoint's. */
    public ApplySecurityGroupsToClientVpnTargetNetworkResponse applySecurityGroupsToClientVpnTargetNetwork(
            ApplySecurityGroupsToClientVpnTargetNetworkRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        if (r.vpcId() == null) {
            throw Ec2Errors.missing("VpcId");
        }
        if (!r.hasSecurityGroupIds() || r.securityGroupIds().isEmpty()) {
            throw Ec2Errors.missing("SecurityGroupId");
        }
        net.vpcs.require(s, r.vpcId());
        if (e.vpcId != null && !e.vpcId.equals(r.vpcId())) {
            throw Ec2Errors.invalidParameterValue("The VPC " + r.vpcId() + " is not the VPC of " + e.id + " ("
                    + e.vpcId + ").");
        }
        List<String> groups = net.clientVpnEndpoints.securityGroupsOf(s, r.vpcId(), r.securityGroupIds());
        Ec2Errors.checkDryRun(r.dryRun());
        e.vpcId = r.vpcId();
        e.securityGroupIds.clear();
        e.securityGroupIds.addAll(groups);
        return ApplySecurityGroupsToClientVpnTargetNetworkResponse.builder().securityGroupIds(groups).build();
    }

    // ---- authorization rules

    private static Cidr cidr(String text, String parameter) {
        if (text == null) {
            throw Ec2Errors.missing(parameter);
        }
        Cidr c = Cidr.tryParse(text);
        if (c == null) {
            throw Ec2Errors.invalidValue(text, parameter, "This is not a valid CIDR block.");
        }
        return c;
    }

    private Optional<AuthorizationRule> rule(ClientVpnEndpoint e, String cidr, String group, boolean all) {
        return e.rules.stream().filter(a -> a.revokeRequested == null && a.destinationCidr.equals(cidr)
                && a.accessAll == all && Objects.equals(a.groupId, all ? null : group)).findFirst();
    }

    public AuthorizeClientVpnIngressResponse authorizeClientVpnIngress(AuthorizeClientVpnIngressRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        String cidr = cidr(r.targetNetworkCidr(), "TargetNetworkCidr").toString();
        boolean all = Boolean.TRUE.equals(r.authorizeAllGroups());
        if (all == (r.accessGroupId() != null)) {
            throw Ec2Errors.combination("Specify either AccessGroupId or AuthorizeAllGroups, but not both.");
        }
        Optional<AuthorizationRule> existing = rule(e, cidr, r.accessGroupId(), all);
        if (existing.isPresent()) {
            if (r.clientToken() != null && r.clientToken().equals(existing.get().clientToken)) {
                return AuthorizeClientVpnIngressResponse.builder().status(ruleStatus(existing.get())).build();
            }
            throw new AwsException("InvalidClientVpnDuplicateAuthorizationRule", "An authorization rule for "
                    + cidr + " and " + (all ? "all groups" : "group " + r.accessGroupId()) + " already exists on "
                    + e.id + ".", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        AuthorizationRule a = new AuthorizationRule();
        a.destinationCidr = cidr;
        a.groupId = all ? null : r.accessGroupId();
        a.accessAll = all;
        a.description = r.description();
        a.clientToken = r.clientToken();
        a.authorized = net.now();
        e.rules.add(a);
        return AuthorizeClientVpnIngressResponse.builder().status(ruleStatus(a)).build();
    }

    public RevokeClientVpnIngressResponse revokeClientVpnIngress(RevokeClientVpnIngressRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        String cidr = cidr(r.targetNetworkCidr(), "TargetNetworkCidr").toString();
        boolean all = Boolean.TRUE.equals(r.revokeAllGroups());
        if (all == (r.accessGroupId() != null)) {
            throw Ec2Errors.combination("Specify either AccessGroupId or RevokeAllGroups, but not both.");
        }
        AuthorizationRule a = rule(e, cidr, r.accessGroupId(), all).orElseThrow(() -> new AwsException(
                "InvalidClientVpnEndpointAuthorizationRuleNotFound", "No authorization rule for " + cidr + " and "
                        + (all ? "all groups" : "group " + r.accessGroupId()) + " exists on " + e.id + ".", 400));
        Ec2Errors.checkDryRun(r.dryRun());
        a.revokeRequested = net.now();
        return RevokeClientVpnIngressResponse.builder().status(ruleStatus(a)).build();
    }

    private ClientVpnAuthorizationRuleStatus ruleStatus(AuthorizationRule a) {
        return ClientVpnAuthorizationRuleStatus.builder().code(ruleState(a)).build();
    }

    public DescribeClientVpnAuthorizationRulesResponse describeClientVpnAuthorizationRules(
            DescribeClientVpnAuthorizationRulesRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        var filter = new Filters<Wrapped<AuthorizationRule>>()
                .on("description", w -> w.v.description)
                .on("destination-cidr", w -> w.v.destinationCidr)
                .on("group-id", w -> w.v.groupId)
                .predicate(r.filters());
        List<Wrapped<AuthorizationRule>> found = e.rules.stream().map(a -> new Wrapped<>(e, a)).filter(filter)
                .toList();
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeClientVpnAuthorizationRulesResponse.builder().authorizationRules(page.items().stream()
                .map(w -> software.amazon.awssdk.services.ec2.model.AuthorizationRule.builder()
                        .clientVpnEndpointId(e.id).description(w.v.description).groupId(w.v.groupId)
                        .accessAll(w.v.accessAll).destinationCidr(w.v.destinationCidr).status(ruleStatus(w.v))
                        .build()).toList()).nextToken(page.nextToken()).build();
    }

    // ---- routes

    public CreateClientVpnRouteResponse createClientVpnRoute(CreateClientVpnRouteRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        Cidr destination = cidr(r.destinationCidrBlock(), "DestinationCidrBlock");
        String target = r.targetVpcSubnetId();
        if (target == null) {
            throw Ec2Errors.missing("TargetVpcSubnetId");
        }
        boolean local = target.equals("local");
        if (!local && e.targetNetworks.stream().noneMatch(t -> t.subnetId.equals(target)
                && t.disassociateRequested == null)) {
            throw new AwsException("InvalidClientVpnActiveAssociationNotFound", "The subnet " + target
                    + " is not an associated target network of " + e.id + ".", 400);
        }
        // Client addresses may not be routed away: a route inside the client CIDR is refused (a wider one, such as
        // 0.0.0.0/0 for the internet, is the usual route).
        if (!local && e.clientCidrBlock != null && Cidr.parse(e.clientCidrBlock).contains(destination)) {
            throw Ec2Errors.invalidParameterValue("The route " + destination + " lies inside the client CIDR "
                    + e.clientCidrBlock + " of " + e.id + ".");
        }
        String cidr = destination.toString();
        Optional<Route> existing = e.routes.stream().filter(x -> x.deleteRequested == null
                && x.destinationCidr.equals(cidr) && target.equals(x.targetSubnet)).findFirst();
        if (existing.isPresent()) {
            if (r.clientToken() != null && r.clientToken().equals(existing.get().clientToken)) {
                return CreateClientVpnRouteResponse.builder().status(routeStatus(existing.get())).build();
            }
            throw new AwsException("InvalidClientVpnDuplicateRoute", "The route " + cidr + " through " + target
                    + " already exists on " + e.id + ".", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Route route = new Route();
        route.destinationCidr = cidr;
        route.targetSubnet = target;
        route.type = local ? "Local" : "Nat";
        route.origin = "add-route";
        route.description = r.description();
        route.clientToken = r.clientToken();
        route.created = net.now();
        e.routes.add(route);
        return CreateClientVpnRouteResponse.builder().status(routeStatus(route)).build();
    }

    /** DeleteClientVpnRoute: only routes added by CreateClientVpnRoute; an association's route goes with it. */
    public DeleteClientVpnRouteResponse deleteClientVpnRoute(DeleteClientVpnRouteRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        String cidr = cidr(r.destinationCidrBlock(), "DestinationCidrBlock").toString();
        List<Route> matching = e.routes.stream().filter(x -> x.deleteRequested == null
                && x.destinationCidr.equals(cidr) && (r.targetVpcSubnetId() == null
                        || r.targetVpcSubnetId().equals(x.targetSubnet))).toList();
        Route route = matching.stream().filter(x -> x.origin.equals("add-route")).findFirst().orElse(null);
        if (route == null) {
            if (!matching.isEmpty()) {
                throw Ec2Errors.invalidParameterValue("The route " + cidr + " was added by a target network "
                        + "association: disassociate the target network to remove it.");
            }
            throw new AwsException("InvalidClientVpnRouteNotFound", "The route " + cidr + " does not exist on "
                    + e.id + ".", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        route.deleteRequested = net.now();
        return DeleteClientVpnRouteResponse.builder().status(routeStatus(route)).build();
    }

    private ClientVpnRouteStatus routeStatus(Route route) {
        return ClientVpnRouteStatus.builder().code(routeState(route)).build();
    }

    public DescribeClientVpnRoutesResponse describeClientVpnRoutes(DescribeClientVpnRoutesRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        var filter = new Filters<Wrapped<Route>>()
                .on("destination-cidr", w -> w.v.destinationCidr)
                .on("origin", w -> w.v.origin)
                .on("target-subnet", w -> w.v.targetSubnet)
                .predicate(r.filters());
        List<Wrapped<Route>> found = e.routes.stream().map(x -> new Wrapped<>(e, x)).filter(filter).toList();
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeClientVpnRoutesResponse.builder().routes(page.items().stream()
                .map(w -> software.amazon.awssdk.services.ec2.model.ClientVpnRoute.builder()
                        .clientVpnEndpointId(e.id).destinationCidr(w.v.destinationCidr).targetSubnet(w.v.targetSubnet)
                        .type(w.v.type).origin(w.v.origin).status(routeStatus(w.v)).description(w.v.description)
                        .build()).toList()).nextToken(page.nextToken()).build();
    }

    /**
     * A part of an endpoint seen as a {@link io.gureum.vpc.model.Resource} so that {@link Filters} can filter it
     * (its tag filters find the endpoint's tags, which AWS does not document for these calls: none are given).
     */
    static final class Wrapped<T> extends io.gureum.vpc.model.Resource {
        final T v;

        Wrapped(ClientVpnEndpoint e, T v) {
            super(e.id, e.ownerId, e.created);
            this.v = v;
        }

        @Override
        public String resourceType() {
            return "client-vpn-endpoint";
        }
    }
}
