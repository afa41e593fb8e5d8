package io.gureum.vpc.reachability;

import static io.gureum.vpc.reachability.Explain.blocked;
import static io.gureum.vpc.reachability.Explain.code;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.CidrAssociation;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * The forward path: from the source's security group egress through subnet ACLs, route tables and
 * gateways to the destination's security group ingress. Throws {@link Blocked} where no packet is left.
 */
final class ForwardWalk {
    private static final int MAX_HOPS = 8;
    private static final List<Cidr> RFC1918 = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"));

    final Trace trace = new Trace();
    final List<Segment> segments = new ArrayList<>();
    private final VpcStore store;
    private final Components comps;
    private final SecurityGroupCheck sgs;
    private final AclCheck acls;
    private final RouteCheck routes;
    private final TransitRouteCheck tgwRoutes;
    private final Hops hops;
    private final Endpoint destination;
    private final NetworkState net;
    /** The source interface's groups while they can still match SG-to-SG rules (same VPC or peering). */
    private Set<String> sourceGroups = Set.of();
    /** The interface or NAT gateway the packet leaves the current subnet from. */
    private NetworkInterface senderEni;
    private String senderPublicIp;
    private Header delivered;

    ForwardWalk(NetworkState net, Endpoint destination) {
        this.store = net.store();
        this.comps = new Components(net);
        this.sgs = new SecurityGroupCheck(store);
        this.acls = new AclCheck(store);
        this.routes = new RouteCheck(net);
        this.tgwRoutes = new TransitRouteCheck(store);
        this.hops = new Hops(comps, acls, trace, segments).on(net);
        this.destination = destination;
        this.net = net;
    }

    /** The packets that reach the destination. */
    Header delivered() {
        return delivered;
    }

    void fromInterface(Endpoint src, Header h) {
        NetworkInterface eni = src.eni();
        Subnet sn = src.subnet();
        Vpc vpc = store.vpcs.get(eni.vpcId);
        if (src.id().startsWith("i-")) {
            trace.add(PathComponent.builder().component(comps.ofId(src.id(), "instance")).vpc(comps.of(vpc))
                    .subnet(comps.of(sn)).outboundHeader(h.toSdk()));
        }
        Set<String> peerGroups = destination.eni() != null ? Set.copyOf(destination.eni().groupIds) : Set.of();
        SecurityGroupCheck.Match m = sgs.check(eni, true, h, peerGroups);
        if (m == null) {
            throw sgMismatch(eni, "egress");
        }
        trace.add(PathComponent.builder().component(comps.of(eni)).vpc(comps.of(vpc)).subnet(comps.of(sn))
                .outboundHeader(h.toSdk()));
        trace.add(PathComponent.builder().component(comps.of(m.group())).vpc(comps.of(vpc))
                .securityGroupRule(Components.sg(m.group().id, m.rule())));
        sourceGroups = Set.copyOf(eni.groupIds);
        senderEni = eni;
        senderPublicIp = eni.publicIp;
        route(sn, m.header());
    }

    /** Inbound from the internet through an internet gateway to an interface's public address. */
    void fromInternet(InternetGateway igw, Header h) {
        NetworkInterface eni = destination.eni();
        if (eni == null) {
            throw blocked(code(Explain.UNSUPPORTED_COMPONENT).component(comps.of(destination.resource())));
        }
        if (igw.attachedVpcId == null) {
            throw blocked(code(Explain.UNASSOCIATED_COMPONENT).component(comps.of(igw)).internetGateway(comps.of(igw)));
        }
        Vpc vpc = store.vpcs.get(eni.vpcId);
        if (!igw.attachedVpcId.equals(eni.vpcId)) {
            throw blocked(code(Explain.DISCONNECTED_VPCS).component(comps.of(igw))
                    .sourceVpc(comps.of(store.vpcs.get(igw.attachedVpcId))).destinationVpc(comps.of(vpc)));
        }
        if (eni.publicIp == null) {
            throw blocked(code(Explain.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS).component(comps.of(igw))
                    .internetGateway(comps.of(igw)).networkInterface(comps.of(eni)).vpc(comps.of(vpc)));
        }
        Subnet sn = store.subnets.get(eni.subnetId);
        if (net.blockedByBlockPublicAccess(sn, true, false)) {
            throw blocked(code(Explain.VPC_BLOCK_PUBLIC_ACCESS_ENABLED).component(comps.of(igw))
                    .internetGateway(comps.of(igw)).vpc(comps.of(vpc)).subnet(comps.of(sn)));
        }
        Header in = h.withDestination(Header.host(eni.publicIp));
        Header out = in.withDestination(Header.host(eni.privateIp));
        trace.add(PathComponent.builder().component(comps.of(igw)).vpc(comps.of(vpc)).inboundHeader(in.toSdk())
                .outboundHeader(out.toSdk()));
        Header passed = hops.cross(null, sn, out, igw.id);
        deliver(destination.subnet(), destination, passed, false);
    }

    private void route(Subnet cur, Header h) {
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Vpc vpc = store.vpcs.get(cur.vpcId);
            Endpoint local = localTarget(vpc, h.destination());
            if (local != null && local.subnet() != null && local.subnet().id.equals(cur.id)) {
                // Same subnet: delivered directly, no route table or network ACL in between.
                segments.add(Segment.of(cur, cur, h, "local"));
                deliver(cur, local, h, true);
                return;
            }
            RouteCheck.Match rm = routes.lookup(cur, h.destination());
            if (rm.route() == null) {
                throw blocked(code(Explain.NO_ROUTE_TO_DESTINATION).component(comps.of(rm.table()))
                        .routeTable(comps.of(rm.table())).subnet(comps.of(cur)).vpc(comps.of(vpc))
                        .addresses(List.of(Header.text(h.destination()))));
            }
            Route r = rm.route();
            if (destination.kind().equals("vpce-gateway") && !destination.id().equals(r.gatewayId)) {
                // A gateway endpoint is reached only through a route to its prefix list in this route table.
                throw blocked(code(Explain.NO_ROUTE_TO_DESTINATION).component(comps.of(rm.table()))
                        .routeTable(comps.of(rm.table())).subnet(comps.of(cur)).vpc(comps.of(vpc))
                        .destination(comps.of(destination.resource())));
            }
            if ("blackhole".equals(rm.state())) {
                throw blocked(code(Explain.BAD_STATE_ROUTE).component(comps.of(rm.table())).routeTable(comps.of(rm.table()))
                        .routeTableRoute(Components.route(r, rm.state())).vpc(comps.of(vpc)));
            }
            trace.add(PathComponent.builder().component(comps.of(rm.table())).vpc(comps.of(vpc)).subnet(comps.of(cur))
                    .routeTableRoute(Components.route(r, rm.state())));
            if ("local".equals(r.gatewayId)) {
                if (local == null) {
                    throw noDestination(vpc, h);
                }
                Header passed = hops.cross(cur, local.subnet(), h, "local");
                deliver(cur, local, passed, true);
                return;
            } else if (r.gatewayId != null && r.gatewayId.startsWith("igw-")) {
                toInternet(cur, vpc, store.internetGateways.get(r.gatewayId), h);
                return;
            } else if (r.gatewayId != null && r.gatewayId.startsWith("vpce-")) {
                toGatewayEndpoint(cur, store.vpcEndpoints.get(r.gatewayId), h);
                return;
            } else if (r.natGatewayId != null) {
                NatGateway nat = store.natGateways.get(r.natGatewayId);
                Header translated = throughNat(cur, vpc, nat, h);
                cur = store.subnets.get(nat.subnetId);
                h = translated;
            } else if (r.vpcPeeringConnectionId != null) {
                throughPeering(cur, vpc, store.peerings.get(r.vpcPeeringConnectionId), h);
                return;
            } else if (r.transitGatewayId != null) {
                throughTransitGateway(cur, vpc, r.transitGatewayId, h);
                return;
            } else if (r.networkInterfaceId != null || r.instanceId != null) {
                NetworkInterface appliance = r.networkInterfaceId != null ? store.networkInterfaces.get(r.networkInterfaceId)
                        : new Endpoints(store).resolve(r.instanceId).eni();
                if (appliance.sourceDestCheck) {
                    throw blocked(code(Explain.ENI_SOURCE_DEST_CHECK_RESTRICTION).component(comps.of(appliance))
                            .networkInterface(comps.of(appliance)).vpc(comps.of(vpc)));
                }
                Subnet next = store.subnets.get(appliance.subnetId);
                Header passed = hops.cross(cur, next, h, "local");
                trace.add(PathComponent.builder().component(comps.of(appliance)).vpc(comps.of(vpc)).subnet(comps.of(next))
                        .inboundHeader(passed.toSdk()).outboundHeader(passed.toSdk()));
                senderEni = appliance;
                senderPublicIp = appliance.publicIp;
                cur = next;
                h = passed;
            } else {
                throw blocked(code(Explain.UNSUPPORTED_COMPONENT).component(comps.ofId(r.target(), "gateway")));
            }
        }
        throw blocked(code(Explain.NO_POSSIBLE_DESTINATION));
    }

    private void toInternet(Subnet cur, Vpc vpc, InternetGateway igw, Header h) {
        if (senderPublicIp == null) {
            throw blocked(code(Explain.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS).component(comps.of(igw))
                    .internetGateway(comps.of(igw)).networkInterface(comps.of(senderEni)).vpc(comps.of(vpc)));
        }
        if (RFC1918.stream().anyMatch(c -> c.contains(h.destination()))) {
            throw blocked(code(Explain.IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS).component(comps.of(igw))
                    .internetGateway(comps.of(igw)).addresses(List.of(Header.text(h.destination()))));
        }
        // After a NAT gateway the sender is the gateway (senderEni is cleared there).
        if (net.blockedByBlockPublicAccess(cur, false, senderEni == null)) {
            throw blocked(code(Explain.VPC_BLOCK_PUBLIC_ACCESS_ENABLED).component(comps.of(igw))
                    .internetGateway(comps.of(igw)).vpc(comps.of(vpc)).subnet(comps.of(cur)));
        }
        Header passed = hops.cross(cur, null, h, igw.id);
        Header out = passed.withSource(Header.host(senderPublicIp));
        trace.add(PathComponent.builder().component(comps.of(igw)).vpc(comps.of(vpc)).inboundHeader(passed.toSdk())
                .outboundHeader(out.toSdk()));
        if (destination.is("igw", igw.id) || destination.kind().equals("ip")) {
            delivered = out;
            return;
        }
        throw blocked(code(Explain.IGW_NAT_REFLECTION).component(comps.of(igw)).internetGateway(comps.of(igw)));
    }

    private Header throughNat(Subnet cur, Vpc vpc, NatGateway nat, Header h) {
        String state = nat == null ? "deleted" : hops.natState(nat);
        if (!"available".equals(state)) {
            throw blocked(code(Explain.BAD_STATE).component(comps.of(nat)).natGateway(comps.of(nat)).state(state));
        }
        if (senderEni != null && !nat.vpcId.equals(senderEni.vpcId)) {
            throw blocked(code(Explain.NGW_REQUIRES_SOURCE_IN_VPC).component(comps.of(nat)).natGateway(comps.of(nat)));
        }
        Subnet natSubnet = store.subnets.get(nat.subnetId);
        Header passed = cur.id.equals(natSubnet.id) ? h : hops.cross(cur, natSubnet, h, "local");
        if (cur.id.equals(natSubnet.id)) {
            segments.add(Segment.of(cur, cur, h, "local"));
        }
        // NAT gateways replace the source address with their private address and remap the source port
        // to an ephemeral one (NGW_SOURCE_ADDRESS_REASSIGN, REMAP_EPHEMERAL_PORT).
        Header out = passed.withSource(Header.host(nat.privateIp)).withSourcePorts(PortRange.EPHEMERAL);
        trace.add(PathComponent.builder().component(comps.of(nat)).vpc(comps.of(vpc)).subnet(comps.of(natSubnet))
                .inboundHeader(passed.toSdk()).outboundHeader(out.toSdk()));
        sourceGroups = Set.of();
        senderEni = null;
        senderPublicIp = nat.publicIp;
        if (destination.is("nat", nat.id)) {
            delivered = passed;
            throw new Arrived();
        }
        return out;
    }

    private void throughPeering(Subnet cur, Vpc vpc, VpcPeeringConnection p, Header h) {
        String status = p == null ? "deleted" : hops.peeringStatus(p);
        if (!"active".equals(status)) {
            throw blocked(code(Explain.BAD_STATE).component(p == null ? null : comps.of(p))
                    .vpcPeeringConnection(p == null ? null : comps.of(p)).state(status));
        }
        String peerVpcId = vpc.id.equals(p.requesterVpcId) ? p.accepterVpcId : p.requesterVpcId;
        Vpc peer = store.vpcs.get(peerVpcId);
        if (peer == null) {
            // The other side lives in another account or Region, whose store this analysis does not read.
            throw blocked(code(Explain.NO_POSSIBLE_DESTINATION).component(comps.of(p)).vpcPeeringConnection(comps.of(p)));
        }
        if (!inVpc(peer, h.destination())) {
            // No transitive peering: a peering connection carries only packets for the peer VPC's own blocks.
            throw blocked(code(Explain.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR).component(comps.of(p))
                    .vpcPeeringConnection(comps.of(p)).destinationVpc(comps.of(peer))
                    .cidrs(peer.cidrs.stream().map(c -> c.cidr.toString()).toList())
                    .addresses(List.of(Header.text(h.destination()))));
        }
        trace.add(PathComponent.builder().component(comps.of(p)).sourceVpc(comps.of(vpc)).destinationVpc(comps.of(peer))
                .inboundHeader(h.toSdk()).outboundHeader(h.toSdk()));
        if (destination.is("pcx", p.id)) {
            delivered = h;
            return;
        }
        Endpoint target = localTarget(peer, h.destination());
        if (target == null) {
            throw noDestination(peer, h);
        }
        Header passed = hops.cross(cur, target.subnet(), h, p.id);
        deliver(cur, target, passed, true);
    }

    private void throughTransitGateway(Subnet cur, Vpc vpc, String tgwId, Header h) {
        TransitGateway tgw = store.transitGateways.get(tgwId);
        if (tgw == null || !"available".equals(tgw.state)) {
            throw blocked(code(Explain.BAD_STATE).component(comps.ofId(tgwId, "transit-gateway"))
                    .transitGateway(comps.ofId(tgwId, "transit-gateway")).state(tgw == null ? "deleted" : tgw.state));
        }
        TransitGatewayAttachment from = hops.attachment(tgwId, vpc.id);
        if (from == null || !"available".equals(from.state)) {
            throw blocked(code(Explain.BAD_STATE_ATTACHMENT).component(comps.of(tgw)).transitGateway(comps.of(tgw))
                    .transitGatewayAttachment(from == null ? null : comps.of(from)).vpc(comps.of(vpc)));
        }
        boolean inAz = from.subnetIds.stream().map(store.subnets::get)
                .anyMatch(s -> s != null && s.availabilityZone.equals(cur.availabilityZone));
        if (!inAz) {
            throw blocked(code(Explain.TGW_ROUTE_AZ_RESTRICTION).component(comps.of(from)).transitGateway(comps.of(tgw))
                    .transitGatewayAttachment(comps.of(from)).availabilityZones(List.of(cur.availabilityZone)));
        }
        TransitGatewayRouteTable rtb = from.associatedRouteTableId == null ? null
                : store.tgwRouteTables.get(from.associatedRouteTableId);
        if (rtb == null) {
            throw blocked(code(Explain.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION).component(comps.of(from))
                    .transitGateway(comps.of(tgw)).transitGatewayAttachment(comps.of(from)));
        }
        trace.add(PathComponent.builder().component(comps.of(from)).vpc(comps.of(vpc)).transitGateway(comps.of(tgw))
                .inboundHeader(h.toSdk()));
        if (destination.is("tgw", tgw.id)) {
            trace.add(PathComponent.builder().component(comps.of(tgw)).transitGateway(comps.of(tgw)));
            delivered = h;
            return;
        }
        TransitRouteCheck.Match tm = tgwRoutes.lookup(rtb, h.destination());
        if (tm == null) {
            throw blocked(code(Explain.NO_ROUTE_TO_DESTINATION).component(comps.of(rtb)).transitGateway(comps.of(tgw))
                    .transitGatewayRouteTable(comps.of(rtb)).addresses(List.of(Header.text(h.destination()))));
        }
        if (tm.blackhole()) {
            throw blocked(code(Explain.TGW_RTB_BAD_STATE_ROUTE).component(comps.of(rtb)).transitGateway(comps.of(tgw))
                    .transitGatewayRouteTable(comps.of(rtb)).transitGatewayRouteTableRoute(tm.toSdk(store)));
        }
        TransitGatewayAttachment to = store.tgwAttachments.get(tm.attachmentId());
        if (to == null || !"available".equals(to.state)) {
            throw blocked(code(Explain.BAD_STATE_ATTACHMENT).component(comps.of(tgw)).transitGateway(comps.of(tgw))
                    .transitGatewayAttachment(comps.ofId(tm.attachmentId(), "transit-gateway-attachment")));
        }
        if ("peering".equals(to.resourceType) || "connect".equals(to.resourceType)) {
            // The walk does not follow a peering attachment into the other gateway (or a Connect attachment to
            // an appliance): the path ends there, as an inter-Region VPC peering does (docs/services/ec2.md).
            trace.add(PathComponent.builder().component(comps.of(tgw)).transitGateway(comps.of(tgw))
                    .transitGatewayRouteTableRoute(tm.toSdk(store)));
            throw blocked(code(Explain.NO_POSSIBLE_DESTINATION).component(comps.of(to)).transitGateway(comps.of(tgw))
                    .transitGatewayAttachment(comps.of(to)).addresses(List.of(Header.text(h.destination()))));
        }
        if (to.vpcId == null) {
            // A VPN attachment leads off the AWS network, where the analyzer does not follow.
            throw blocked(code(Explain.UNSUPPORTED_COMPONENT).component(comps.ofId(to.id, "transit-gateway-attachment")));
        }
        Vpc destVpc = store.vpcs.get(to.vpcId);
        trace.add(PathComponent.builder().component(comps.of(tgw)).transitGateway(comps.of(tgw))
                .transitGatewayRouteTableRoute(tm.toSdk(store)));
        trace.add(PathComponent.builder().component(comps.of(to)).vpc(comps.of(destVpc)).transitGateway(comps.of(tgw))
                .outboundHeader(h.toSdk()));
        Endpoint target = destVpc == null ? null : localTarget(destVpc, h.destination());
        if (target == null) {
            throw noDestination(destVpc, h);
        }
        // Security group references do not cross a transit gateway without security group referencing support.
        sourceGroups = Set.of();
        Header passed = hops.crossTransit(cur, target.subnet(), h, tgw.id, from.id, to.id);
        deliver(cur, target, passed, false);
    }

    private void toGatewayEndpoint(Subnet cur, VpcEndpoint e, Header h) {
        if (e == null || !"available".equalsIgnoreCase(e.state)) {
            throw blocked(code(Explain.BAD_STATE).component(e == null ? null : comps.of(e))
                    .vpcEndpoint(e == null ? null : comps.of(e)).state(e == null ? "deleted" : e.state));
        }
        if (!"tcp".equalsIgnoreCase(h.protocol())) {
            throw blocked(code(Explain.VPCE_GATEWAY_PROTOCOL_RESTRICTION).component(comps.of(e)).vpcEndpoint(comps.of(e))
                    .protocols(List.of(h.protocol())));
        }
        Header passed = hops.cross(cur, null, h, e.id);
        trace.add(PathComponent.builder().component(comps.of(e)).vpc(comps.of(store.vpcs.get(e.vpcId)))
                .inboundHeader(passed.toSdk()).serviceName(e.serviceName));
        if (destination.is("vpce-gateway", e.id) || destination.kind().equals("ip")) {
            delivered = passed;
            return;
        }
        throw blocked(code(Explain.NO_POSSIBLE_DESTINATION).component(comps.of(e)).vpcEndpoint(comps.of(e)));
    }

    /** The security group ingress of the receiving interface, then the destination itself. */
    private void deliver(Subnet from, Endpoint target, Header h, boolean groupsVisible) {
        NetworkInterface eni = target.eni();
        Subnet sn = target.subnet();
        Vpc vpc = sn == null ? null : store.vpcs.get(sn.vpcId);
        if (eni != null && !target.kind().equals("nat")) {
            SecurityGroupCheck.Match m = sgs.check(eni, false, h, groupsVisible ? sourceGroups : Set.of());
            if (m == null) {
                throw sgMismatch(eni, "ingress");
            }
            trace.add(PathComponent.builder().component(comps.of(m.group())).vpc(comps.of(vpc))
                    .securityGroupRule(Components.sg(m.group().id, m.rule())));
            h = m.header();
            trace.add(PathComponent.builder().component(comps.of(eni)).vpc(comps.of(vpc)).subnet(comps.of(sn))
                    .inboundHeader(h.toSdk()));
            if (target.id().startsWith("i-")) {
                trace.add(PathComponent.builder().component(comps.ofId(target.id(), "instance")).vpc(comps.of(vpc))
                        .subnet(comps.of(sn)).inboundHeader(h.toSdk()));
            }
        } else if (target.resource() != null) {
            trace.add(PathComponent.builder().component(comps.of(target.resource())).vpc(comps.of(vpc))
                    .subnet(comps.of(sn)).inboundHeader(h.toSdk()));
        }
        delivered = h;
    }

    /** What in the VPC receives packets for these addresses: the path's destination, or a subnet's address. */
    private Endpoint localTarget(Vpc vpc, Cidr addresses) {
        Endpoint d = destination;
        if (d.eni() != null || d.kind().equals("nat")) {
            String ip = d.address();
            Subnet sn = d.subnet();
            if (ip != null && sn != null && sn.vpcId.equals(vpc.id) && addresses.contains(Header.host(ip))) {
                return d;
            }
            return null;
        }
        if (d.kind().equals("ip")) {
            for (Subnet sn : vpc.subnets.values()) {
                if (sn.cidr.contains(addresses)) {
                    return new Endpoint("ip", d.id(), null, null, sn, d.address());
                }
            }
        }
        return null;
    }

    private static boolean inVpc(Vpc vpc, Cidr addresses) {
        for (CidrAssociation c : vpc.cidrs) {
            if (c.state.equals("associated") && c.cidr.contains(addresses)) {
                return true;
            }
        }
        return false;
    }

    private Blocked noDestination(Vpc vpc, Header h) {
        return blocked(code(Explain.NO_POSSIBLE_DESTINATION).vpc(vpc == null ? null : comps.of(vpc))
                .addresses(List.of(Header.text(h.destination()))));
    }

    private Blocked sgMismatch(NetworkInterface eni, String direction) {
        Subnet sn = store.subnets.get(eni.subnetId);
        String code = eni.groupIds.size() == 1 && sgs.noRules(eni) ? Explain.SG_HAS_NO_RULES
                : Explain.ENI_SG_RULES_MISMATCH;
        var e = code(code).direction(direction).networkInterface(comps.of(eni)).subnet(comps.of(sn))
                .vpc(comps.of(store.vpcs.get(eni.vpcId)))
                .securityGroups(eni.groupIds.stream().map(g -> comps.of(store.securityGroups.get(g))).toList());
        if (code.equals(Explain.SG_HAS_NO_RULES)) {
            e.securityGroup(comps.of(store.securityGroups.get(eni.groupIds.get(0))));
        }
        return blocked(e);
    }

    /** The walk reached its destination early (a NAT gateway named as the destination). */
    static final class Arrived extends RuntimeException {
        Arrived() {
            super(null, null, false, false);
        }
    }
}
