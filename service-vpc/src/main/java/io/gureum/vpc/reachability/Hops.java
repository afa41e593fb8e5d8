package io.gureum.vpc.reachability;

import static io.gureum.vpc.reachability.Explain.blocked;
import static io.gureum.vpc.reachability.Explain.code;

import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * Crossing a subnet boundary: the network ACL of the subnet left (outbound rules) and of the subnet
 * entered (inbound rules). Traffic that stays in its subnet crosses no ACL.
 */
final class Hops {
    private final Components comps;
    private final AclCheck acls;
    private final Trace trace;
    private final List<Segment> segments;
    private NetworkState net;

    Hops(Components comps, AclCheck acls, Trace trace, List<Segment> segments) {
        this.comps = comps;
        this.acls = acls;
        this.trace = trace;
        this.segments = segments;
    }

    Hops on(NetworkState state) {
        this.net = state;
        return this;
    }

    /** Crosses from subnet {@code from} to {@code to} (null: outside the VPC), recording the segment. */
    Header cross(Subnet from, Subnet to, Header h, String via) {
        Header passed = acl(from, to, h, trace);
        segments.add(Segment.of(from, to, h, via));
        return passed;
    }

    Header crossTransit(Subnet from, Subnet to, Header h, String tgwId, String fromAttachment, String toAttachment) {
        Header passed = acl(from, to, h, trace);
        segments.add(new Segment(from, to, h, tgwId, fromAttachment, toAttachment));
        return passed;
    }

    /** The outbound ACL of {@code from} then the inbound ACL of {@code to}, unless they are one subnet. */
    Header acl(Subnet from, Subnet to, Header h, Trace into) {
        if (from != null && to != null && from.id.equals(to.id)) {
            return h;
        }
        if (from != null) {
            h = one(from, true, h, into);
        }
        if (to != null) {
            h = one(to, false, h, into);
        }
        return h;
    }

    Header one(Subnet sn, boolean egress, Header h, Trace into) {
        AclCheck.Match m = acls.check(sn, egress, h);
        if (!m.allowed()) {
            var e = code(Explain.SUBNET_ACL_RESTRICTION).direction(egress ? "egress" : "ingress")
                    .component(comps.of(m.acl())).acl(comps.of(m.acl())).subnet(comps.of(sn))
                    .vpc(comps.ofId(sn.vpcId, "vpc"));
            if (m.entry() != null) {
                e.aclRule(Components.acl(m.entry()));
            }
            throw blocked(e);
        }
        if (m.acl() != null) {
            into.add(PathComponent.builder().component(comps.of(m.acl())).vpc(comps.ofId(sn.vpcId, "vpc"))
                    .subnet(comps.of(sn)).aclRule(Components.acl(m.entry())));
        }
        return m.header();
    }

    String natState(NatGateway nat) {
        return net.natState(nat);
    }

    String peeringStatus(VpcPeeringConnection p) {
        return net.peeringStatus(p);
    }

    /** The transit gateway's attachment to the VPC (state aside), or null. */
    TransitGatewayAttachment attachment(String tgwId, String vpcId) {
        for (TransitGatewayAttachment a : net.store().tgwAttachments.values()) {
            if (tgwId.equals(a.transitGatewayId) && vpcId.equals(a.vpcId) && !"deleted".equals(a.state)) {
                return a;
            }
        }
        return null;
    }
}
