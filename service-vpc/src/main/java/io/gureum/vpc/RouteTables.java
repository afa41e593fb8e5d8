package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.EgressOnlyInternetGateway;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.RouteTableAssociation;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteTableAssociationResponse;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;

/**
 * Route tables (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html): every VPC
 * has a main table; a subnet uses its explicitly associated table or else the main one; every table
 * has an immutable {@code local} route per VPC block; the most specific matching route wins. A route
 * whose target is gone (detached gateway, deleted NAT gateway or interface) shows as
 * {@code blackhole}.
 */
public final class RouteTables {
    private final Network net;
    private final Filters<RouteTable> filters;

    RouteTables(Network net) {
        this.net = net;
        this.filters = new Filters<RouteTable>()
                .on("route-table-id", t -> t.id)
                .on("vpc-id", t -> t.vpcId)
                .on("owner-id", t -> t.ownerId)
                .on("association.route-table-association-id", t -> t.associations.stream().map(a -> a.associationId).toList())
                .on("association.route-table-id", t -> t.associations.isEmpty() ? null : t.id)
                .on("association.subnet-id", t -> t.associations.stream().map(a -> a.subnetId).toList())
                .on("association.gateway-id", t -> t.associations.stream().map(a -> a.gatewayId).toList())
                .on("association.main", t -> t.associations.stream().anyMatch(a -> a.main))
                .on("route.destination-cidr-block", t -> withPropagated(net.store(), t).stream().map(x -> x.destinationCidr).toList())
                .on("route.destination-ipv6-cidr-block", t -> withPropagated(net.store(), t).stream().map(x -> x.destinationIpv6Cidr).toList())
                .on("route.destination-prefix-list-id", t -> withPropagated(net.store(), t).stream().map(x -> x.destinationPrefixListId).toList())
                .on("route.gateway-id", t -> withPropagated(net.store(), t).stream().map(x -> x.gatewayId).toList())
                .on("route.nat-gateway-id", t -> withPropagated(net.store(), t).stream().map(x -> x.natGatewayId).toList())
                .on("route.instance-id", t -> withPropagated(net.store(), t).stream().map(x -> x.instanceId).toList())
                .on("route.egress-only-internet-gateway-id",
                        t -> withPropagated(net.store(), t).stream().map(x -> x.egressOnlyInternetGatewayId).toList())
                .on("route.transit-gateway-id", t -> withPropagated(net.store(), t).stream().map(x -> x.transitGatewayId).toList())
                .on("route.vpc-peering-connection-id", t -> withPropagated(net.store(), t).stream().map(x -> x.vpcPeeringConnectionId).toList())
                .on("route.origin", t -> withPropagated(net.store(), t).stream().map(x -> x.origin).toList());
    }

    RouteTable require(VpcStore s, String id) {
        return Ids.require(s.routeTables, "rtb", id);
    }

    private RouteTable newTable(VpcStore s, Vpc vpc) {
        RouteTable t = new RouteTable(net.id("rtb"), s.account, net.now());
        t.vpcId = vpc.id;
        for (var c : vpc.cidrs) {
            t.routes.add(local(c.cidr.toString(), null));
        }
        for (var c : vpc.ipv6Cidrs) {
            t.routes.add(local(null, c.cidr));
        }
        return s.put(s.routeTables, t);
    }

    private static Route local(String cidr, String ipv6) {
        Route r = new Route();
        r.destinationCidr = cidr;
        r.destinationIpv6Cidr = ipv6;
        r.gatewayId = "local";
        r.origin = "CreateRouteTable";
        return r;
    }

    RouteTable createMain(VpcStore s, Vpc vpc) {
        RouteTable t = newTable(s, vpc);
        t.associations.add(new RouteTableAssociation(net.id("rtbassoc"), null, null, true));
        return t;
    }

    void addLocalRoutes(VpcStore s, Vpc vpc, String cidr, String ipv6) {
        for (RouteTable t : s.routeTables.values()) {
            if (t.vpcId.equals(vpc.id)) {
                t.routes.add(local(cidr, ipv6));
            }
        }
    }

    void removeLocalRoutes(VpcStore s, Vpc vpc, String cidr) {
        for (RouteTable t : s.routeTables.values()) {
            if (t.vpcId.equals(vpc.id)) {
                t.routes.removeIf(r -> "local".equals(r.gatewayId) && cidr.equals(r.destination()));
            }
        }
    }

    void addDefaultRoute(VpcStore s, String tableId, String gatewayId) {
        Route r = new Route();
        r.destinationCidr = "0.0.0.0/0";
        r.gatewayId = gatewayId;
        s.routeTables.get(tableId).routes.add(r);
    }

    /** Gateway endpoints add a route to the service's prefix list in each chosen table. */
    void addEndpointRoute(RouteTable t, String prefixListId, String endpointId) {
        Route r = new Route();
        r.destinationPrefixListId = prefixListId;
        r.gatewayId = endpointId;
        t.routes.add(r);
    }

    void removeEndpointRoutes(VpcStore s, String endpointId) {
        for (RouteTable t : s.routeTables.values()) {
            t.routes.removeIf(r -> endpointId.equals(r.gatewayId));
        }
    }

    void forgetSubnet(VpcStore s, String subnetId) {
        for (RouteTable t : s.routeTables.values()) {
            t.associations.removeIf(a -> subnetId.equals(a.subnetId));
        }
    }

    /** The table a subnet uses: its explicit association, else its VPC's main table. */
    RouteTable tableOf(VpcStore s, Subnet sn) {
        for (RouteTable t : s.routeTables.values()) {
            for (RouteTableAssociation a : t.associations) {
                if (sn.id.equals(a.subnetId)) {
                    return t;
                }
            }
        }
        return s.routeTables.get(s.vpcs.get(sn.vpcId).mainRouteTableId);
    }

    /**
     * Longest prefix match: the route a packet from {@code subnet} to the IPv4 {@code address} takes,
     * considering CIDR routes and prefix-list routes; empty when no route matches.
     */
    Optional<Route> lookup(VpcStore s, Subnet sn, String address) {
        long ip = Cidr.parseAddress(address);
        Route best = null;
        int bestPrefix = -1;
        for (Route r : tableOf(s, sn).routes) {
            List<String> blocks = new ArrayList<>();
            if (r.destinationCidr != null) {
                blocks.add(r.destinationCidr);
            } else if (r.destinationPrefixListId != null) {
                PrefixList pl = net.prefixLists.find(s, r.destinationPrefixListId);
                if (pl != null) {
                    blocks.addAll(pl.cidrs);
                }
            }
            for (String b : blocks) {
                Cidr c = Cidr.tryParse(b);
                if (c != null && c.contains(ip) && c.prefix() > bestPrefix) {
                    best = r;
                    bestPrefix = c.prefix();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        Tags.validate(r.tagSpecifications(), "route-table");
        Ec2Errors.checkDryRun(r.dryRun());
        RouteTable t = newTable(s, vpc);
        Tags.apply(r.tagSpecifications(), t);
        return CreateRouteTableResponse.builder().routeTable(toSdk(s, t)).build();
    }

    public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteTable> found = new ArrayList<>();
        if (r.hasRouteTableIds() && !r.routeTableIds().isEmpty()) {
            for (String id : r.routeTableIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.routeTables.values());
        }
        // route.state depends on other resources, so it is matched here rather than by the generic filters.
        var keep = filters.predicate(r.filters().stream().filter(f -> !"route.state".equals(f.name())).toList());
        List<RouteTable> matching = found.stream().filter(keep).filter(t -> routeStateMatches(s, t, r)).toList();
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 100);
        return DescribeRouteTablesResponse.builder().routeTables(page.items().stream().map(t -> toSdk(s, t)).toList())
                .nextToken(page.nextToken()).build();
    }

    private boolean routeStateMatches(VpcStore s, RouteTable t, DescribeRouteTablesRequest r) {
        for (var f : r.filters()) {
            if ("route.state".equals(f.name())) {
                return t.routes.stream().anyMatch(x -> f.values().contains(state(s, t, x)));
            }
        }
        return true;
    }

    public DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
        VpcStore s = net.store();
        RouteTable t = require(s, r.routeTableId());
        Ec2Errors.checkDryRun(r.dryRun());
        if (!t.associations.isEmpty()) {
            throw Ec2Errors.dependencyViolation("routeTable", t.id);
        }
        s.remove(s.routeTables, t.id);
        net.routeServers.forgetRouteTable(s, t.id);
        return DeleteRouteTableResponse.builder().build();
    }

    public AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
        VpcStore s = net.store();
        RouteTable t = require(s, r.routeTableId());
        if (r.publicIpv4Pool() != null) {
            return associatePublicIpv4Pool(s, t, r);
        }
        if ((r.subnetId() == null) == (r.gatewayId() == null)) {
            throw r.subnetId() == null ? Ec2Errors.missing("subnetId")
                    : Ec2Errors.combination("The parameter subnetId cannot be used with the parameter gatewayId");
        }
        String subnetId = null;
        String gatewayId = null;
        if (r.subnetId() != null) {
            Subnet sn = net.subnets.require(s, r.subnetId());
            if (!sn.vpcId.equals(t.vpcId)) {
                throw Ec2Errors.invalidParameterValue(
                        "Route table " + t.id + " and subnet " + sn.id + " belong to different networks");
            }
            subnetId = sn.id;
        } else {
            InternetGateway igw = net.internetGateways.require(s, r.gatewayId());
            if (!t.vpcId.equals(igw.attachedVpcId)) {
                throw Ec2Errors.invalidParameterValue(
                        "Route table " + t.id + " and gateway " + igw.id + " belong to different networks");
            }
            gatewayId = igw.id;
        }
        for (RouteTable other : s.routeTables.values()) {
            for (RouteTableAssociation a : other.associations) {
                if ((subnetId != null && subnetId.equals(a.subnetId)) || (gatewayId != null && gatewayId.equals(a.gatewayId))) {
                    throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("the specified association for route table "
                            + t.id + " conflicts with an existing association");
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        RouteTableAssociation a = new RouteTableAssociation(net.id("rtbassoc"), subnetId, gatewayId, false);
        t.associations.add(a);
        return AssociateRouteTableResponse.builder().associationId(a.associationId)
                .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    }

    /**
     * Associates a public IPv4 pool (BYOIP addresses) with the route table, for the routes of its addresses
     * (AssociateRouteTable's PublicIpv4Pool); one association per pool, like a gateway's.
     */
    private AssociateRouteTableResponse associatePublicIpv4Pool(VpcStore s, RouteTable t, AssociateRouteTableRequest r) {
        if (r.subnetId() != null || r.gatewayId() != null) {
            throw Ec2Errors.combination("The parameter PublicIpv4Pool cannot be used with the parameter "
                    + (r.subnetId() != null ? "subnetId" : "gatewayId"));
        }
        String pool = net.publicIpv4Pools.require(s, r.publicIpv4Pool()).id;
        if (usesPublicIpv4Pool(s, pool)) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("the specified association for route table "
                    + t.id + " conflicts with an existing association");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        RouteTableAssociation a = new RouteTableAssociation(net.id("rtbassoc"), null, null, false);
        a.publicIpv4Pool = pool;
        t.associations.add(a);
        return AssociateRouteTableResponse.builder().associationId(a.associationId)
                .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    }

    /** Whether a route table of the store is associated with the public IPv4 pool. */
    boolean usesPublicIpv4Pool(VpcStore s, String poolId) {
        return s.routeTables.values().stream().flatMap(x -> x.associations.stream())
                .anyMatch(a -> poolId.equals(a.publicIpv4Pool));
    }

    private record Found(RouteTable table, RouteTableAssociation association) {
    }

    private Found association(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("associationId");
        }
        for (RouteTable t : s.routeTables.values()) {
            for (RouteTableAssociation a : t.associations) {
                if (a.associationId.equals(id)) {
                    return new Found(t, a);
                }
            }
        }
        throw Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND.of(id);
    }

    public DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
        VpcStore s = net.store();
        Found f = association(s, r.associationId());
        if (f.association.main) {
            throw Ec2Errors.invalidParameterValue(
                    "cannot disassociate the main route table association " + f.association.associationId);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        f.table.associations.remove(f.association);
        return DisassociateRouteTableResponse.builder().build();
    }

    /** Moves an association (including the main one, which makes the new table main) to another table. */
    public ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(ReplaceRouteTableAssociationRequest r) {
        VpcStore s = net.store();
        Found f = association(s, r.associationId());
        RouteTable t = require(s, r.routeTableId());
        if (!t.vpcId.equals(f.table.vpcId)) {
            throw Ec2Errors.invalidParameterValue("Route table " + t.id + " belongs to a different network");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        f.table.associations.remove(f.association);
        RouteTableAssociation a = new RouteTableAssociation(net.id("rtbassoc"), f.association.subnetId,
                f.association.gatewayId, f.association.main);
        a.publicIpv4Pool = f.association.publicIpv4Pool;
        t.associations.add(a);
        if (a.main) {
            s.vpcs.get(t.vpcId).mainRouteTableId = t.id;
        }
        return ReplaceRouteTableAssociationResponse.builder().newAssociationId(a.associationId)
                .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    }

    private Route routeFrom(VpcStore s, RouteTable t, String cidr, String ipv6, String prefixList, String gatewayId,
            String natGatewayId, String eniId, String instanceId, String pcxId, String tgwId, String eigwId,
            String vpceId, String cagwId) {
        Route route = new Route();
        int destinations = (cidr != null ? 1 : 0) + (ipv6 != null ? 1 : 0) + (prefixList != null ? 1 : 0);
        if (destinations == 0) {
            throw Ec2Errors.missing("destinationCidrBlock");
        }
        if (cidr != null) {
            route.destinationCidr = Vpcs.parseCidr(cidr, "destinationCidrBlock").toString();
        }
        route.destinationIpv6Cidr = ipv6;
        if (prefixList != null) {
            net.prefixLists.require(s, prefixList);
            route.destinationPrefixListId = prefixList;
        }
        int targets = (int) java.util.stream.Stream.of(gatewayId, natGatewayId, eniId, instanceId, pcxId, tgwId,
                eigwId, vpceId, cagwId).filter(Objects::nonNull).count();
        if (targets != 1) {
            throw (targets == 0 ? Ec2Error.MISSING_PARAMETER : Ec2Error.INVALID_PARAMETER_COMBINATION).withMessage(
                    "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, "
                            + "vpcPeeringConnectionId, transitGatewayId, egressOnlyInternetGatewayId, vpcEndpointId or "
                            + "carrierGatewayId");
        }
        if (gatewayId != null) {
            if (gatewayId.startsWith("igw-")) {
                InternetGateway igw = s.internetGateways.get(gatewayId);
                if (igw == null) {
                    throw Ec2Error.INVALID_INTERNET_GATEWAY_ID_NOT_FOUND.of(gatewayId);
                }
                if (!t.vpcId.equals(igw.attachedVpcId)) {
                    throw Ec2Errors.invalidParameterValue(
                            "route table " + t.id + " and network gateway " + gatewayId + " belong to different networks");
                }
            } else if (gatewayId.startsWith("vgw-")) {
                Ids.require(s.vpnGateways, "vgw", gatewayId);
            } else {
                throw Ec2Error.INVALID_GATEWAY_ID_NOT_FOUND.of(gatewayId);
            }
            route.gatewayId = gatewayId;
        }
        if (natGatewayId != null) {
            NatGateway nat = s.natGateways.get(natGatewayId);
            if (nat == null || net.natGateways.state(nat).equals("deleted")) {
                throw Ec2Error.INVALID_NAT_GATEWAY_ID_NOT_FOUND.of(natGatewayId);
            }
            route.natGatewayId = natGatewayId;
        }
        if (eniId != null) {
            net.networkInterfaces.require(s, eniId);
            route.networkInterfaceId = eniId;
        }
        if (instanceId != null) {
            route.instanceId = instanceId;
            var eni = s.networkInterfaces.values().stream().filter(e -> instanceId.equals(e.attachedInstanceId)).findFirst();
            if (eni.isEmpty()) {
                throw Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(instanceId);
            }
            route.networkInterfaceId = eni.get().id;
        }
        if (pcxId != null) {
            VpcPeeringConnection pcx = s.peerings.get(pcxId);
            if (pcx == null) {
                throw Ids.notFound("pcx", pcxId);
            }
            route.vpcPeeringConnectionId = pcxId;
        }
        if (tgwId != null) {
            if (s.transitGateways.get(tgwId) == null) {
                throw Ids.notFound("tgw", tgwId);
            }
            route.transitGatewayId = tgwId;
        }
        if (eigwId != null) {
            EgressOnlyInternetGateway eigw = net.egressOnlyInternetGateways.require(s, eigwId);
            // An egress-only gateway carries IPv6 only
            // (https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html).
            if (ipv6 == null) {
                throw Ec2Errors.invalidParameterValue("Route table " + t.id + " egress-only internet gateway "
                        + eigwId + " only supports IPv6 destination CIDR blocks.");
            }
            if (!t.vpcId.equals(eigw.vpcId)) {
                throw Ec2Errors.invalidParameterValue(
                        "route table " + t.id + " and network gateway " + eigwId + " belong to different networks");
            }
            route.egressOnlyInternetGatewayId = eigwId;
        }
        if (vpceId != null) {
            Ids.require(s.vpcEndpoints, "vpce", vpceId);
            route.vpcEndpointId = vpceId;
        }
        if (cagwId != null) {
            var cagw = net.carrierGateways.require(s, cagwId);
            if (!t.vpcId.equals(cagw.vpcId)) {
                throw Ec2Errors.invalidParameterValue(
                        "route table " + t.id + " and network gateway " + cagwId + " belong to different networks");
            }
            if (cidr == null) {
                // A carrier gateway supports IPv4 traffic only (AWS Wavelength Developer Guide).
                throw Ec2Errors.invalidParameterValue("A carrier gateway route needs an IPv4 destination CIDR block");
            }
            route.carrierGatewayId = cagwId;
        }
        return route;
    }

    public CreateRouteResponse createRoute(CreateRouteRequest r) {
        VpcStore s = net.store();
        RouteTable t = require(s, r.routeTableId());
        Route route = routeFrom(s, t, r.destinationCidrBlock(), r.destinationIpv6CidrBlock(),
                r.destinationPrefixListId(), r.gatewayId(), r.natGatewayId(), r.networkInterfaceId(), r.instanceId(),
                r.vpcPeeringConnectionId(), r.transitGatewayId(), r.egressOnlyInternetGatewayId(), r.vpcEndpointId(),
                r.carrierGatewayId());
        for (Route existing : t.routes) {
            if (route.destination().equals(existing.destination())) {
                throw Ec2Error.ROUTE_ALREADY_EXISTS.withMessage("The route identified by " + route.destination() + " already exists.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.routes.add(route);
        return CreateRouteResponse.builder().returnValue(true).build();
    }

    public ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) {
        VpcStore s = net.store();
        RouteTable t = require(s, r.routeTableId());
        Route route = routeFrom(s, t, r.destinationCidrBlock(), r.destinationIpv6CidrBlock(),
                r.destinationPrefixListId(), r.gatewayId(), r.natGatewayId(), r.networkInterfaceId(), r.instanceId(),
                r.vpcPeeringConnectionId(), r.transitGatewayId(), r.egressOnlyInternetGatewayId(), r.vpcEndpointId(),
                r.carrierGatewayId());
        Route existing = t.routes.stream().filter(x -> route.destination().equals(x.destination())).findFirst()
                .orElseThrow(() -> Ec2Errors.invalidParameterValue("There is no route defined for '"
                        + route.destination() + "' in the route table. Please use AddRoute instead."));
        if ("local".equals(existing.gatewayId)) {
            throw Ec2Errors.invalidParameterValue(
                    "cannot replace local route " + existing.destination() + " in route table " + t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.routes.set(t.routes.indexOf(existing), route);
        route.origin = "CreateRoute";
        return ReplaceRouteResponse.builder().build();
    }

    public DeleteRouteResponse deleteRoute(DeleteRouteRequest r) {
        VpcStore s = net.store();
        RouteTable t = require(s, r.routeTableId());
        String dest = r.destinationCidrBlock() != null ? r.destinationCidrBlock()
                : r.destinationIpv6CidrBlock() != null ? r.destinationIpv6CidrBlock() : r.destinationPrefixListId();
        if (dest == null) {
            throw Ec2Errors.missing("destinationCidrBlock");
        }
        String kind = r.destinationCidrBlock() != null ? "destination-cidr-block"
                : r.destinationIpv6CidrBlock() != null ? "destination-ipv6-cidr-block" : "destination-prefix-list-id";
        Route existing = t.routes.stream().filter(x -> dest.equals(x.destination())).findFirst()
                .orElseThrow(() -> Ec2Error.INVALID_ROUTE_NOT_FOUND.withMessage("no route with " + kind + " " + dest + " in route table " + t.id));
        if ("local".equals(existing.gatewayId)) {
            throw Ec2Errors.invalidParameterValue("cannot remove local route " + dest + " in route table " + t.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        t.routes.remove(existing);
        return DeleteRouteResponse.builder().build();
    }

    /** {@code active}, or {@code blackhole} when the target no longer exists or is not usable. */
    String state(VpcStore s, RouteTable t, Route r) {
        boolean ok;
        if ("local".equals(r.gatewayId)) {
            ok = true;
        } else if (r.gatewayId != null && r.gatewayId.startsWith("igw-")) {
            InternetGateway igw = s.internetGateways.get(r.gatewayId);
            ok = igw != null && t.vpcId.equals(igw.attachedVpcId);
        } else if (r.gatewayId != null && r.gatewayId.startsWith("vpce-")) {
            ok = s.vpcEndpoints.containsKey(r.gatewayId);
        } else if (r.gatewayId != null && r.gatewayId.startsWith("vgw-")) {
            var vgw = s.vpnGateways.get(r.gatewayId);
            ok = vgw != null && vgw.attachments.containsKey(t.vpcId);
        } else if (r.natGatewayId != null) {
            NatGateway nat = s.natGateways.get(r.natGatewayId);
            String st = nat == null ? "deleted" : net.natGateways.state(nat);
            ok = st.equals("available") || st.equals("pending");
        } else if (r.networkInterfaceId != null) {
            ok = s.networkInterfaces.containsKey(r.networkInterfaceId);
        } else if (r.vpcPeeringConnectionId != null) {
            VpcPeeringConnection p = s.peerings.get(r.vpcPeeringConnectionId);
            ok = p != null && p.status.equals("active");
        } else if (r.transitGatewayId != null) {
            ok = s.transitGateways.containsKey(r.transitGatewayId);
        } else if (r.egressOnlyInternetGatewayId != null) {
            ok = s.egressOnlyInternetGateways.containsKey(r.egressOnlyInternetGatewayId);
        } else if (r.carrierGatewayId != null) {
            var cagw = s.carrierGateways.get(r.carrierGatewayId);
            ok = cagw != null && net.carrierGateways.holdsVpc(cagw) && cagw.deleteRequested == null;
        } else {
            ok = true;
        }
        return ok ? "active" : "blackhole";
    }

    /**
     * The table's routes, then those route propagation adds: the static routes of the available VPN connections of
     * each propagating virtual private gateway attached to the table's VPC, unless the table already has a route to
     * that destination.
     */
    List<Route> withPropagated(VpcStore s, RouteTable t) {
        if (t.propagatingVgws.isEmpty()) {
            return t.routes;
        }
        List<Route> all = new ArrayList<>(t.routes);
        for (String vgwId : t.propagatingVgws) {
            var vgw = s.vpnGateways.get(vgwId);
            if (vgw == null || !vgw.attachments.containsKey(t.vpcId)) {
                continue;
            }
            for (String cidr : net.vpnConnections.propagatedRoutes(s, vgwId)) {
                if (all.stream().noneMatch(x -> cidr.equals(x.destinationCidr))) {
                    Route r = new Route();
                    r.destinationCidr = cidr;
                    r.gatewayId = vgwId;
                    r.origin = "EnableVgwRoutePropagation";
                    all.add(r);
                }
            }
        }
        return all;
    }

    software.amazon.awssdk.services.ec2.model.RouteTable toSdk(VpcStore s, RouteTable t) {
        List<software.amazon.awssdk.services.ec2.model.Route> routes = new ArrayList<>();
        for (Route r : withPropagated(s, t)) {
            routes.add(software.amazon.awssdk.services.ec2.model.Route.builder()
                    .destinationCidrBlock(r.destinationCidr)
                    .destinationIpv6CidrBlock(r.destinationIpv6Cidr)
                    .destinationPrefixListId(r.destinationPrefixListId)
                    .gatewayId(r.gatewayId)
                    .natGatewayId(r.natGatewayId)
                    .networkInterfaceId(r.networkInterfaceId)
                    .instanceId(r.instanceId)
                    .vpcPeeringConnectionId(r.vpcPeeringConnectionId)
                    .transitGatewayId(r.transitGatewayId)
                    .egressOnlyInternetGatewayId(r.egressOnlyInternetGatewayId)
                    .carrierGatewayId(r.carrierGatewayId)
                    .origin(r.origin)
                    .state(state(s, t, r))
                    .build());
        }
        List<software.amazon.awssdk.services.ec2.model.RouteTableAssociation> assocs = new ArrayList<>();
        for (RouteTableAssociation a : t.associations) {
            assocs.add(software.amazon.awssdk.services.ec2.model.RouteTableAssociation.builder()
                    .routeTableAssociationId(a.associationId).routeTableId(t.id).subnetId(a.subnetId)
                    .gatewayId(a.gatewayId).publicIpv4Pool(a.publicIpv4Pool).main(a.main)
                    .associationState(RouteTableAssociationState.builder().state("associated").build()).build());
        }
        return software.amazon.awssdk.services.ec2.model.RouteTable.builder()
                .routeTableId(t.id).vpcId(t.vpcId).ownerId(t.ownerId)
                .routes(routes).associations(assocs)
                .propagatingVgws(t.propagatingVgws.stream().map(v ->
                        software.amazon.awssdk.services.ec2.model.PropagatingVgw.builder().gatewayId(v).build()).toList())
                .tags(Tags.toSdk(t.tags)).build();
    }
}
