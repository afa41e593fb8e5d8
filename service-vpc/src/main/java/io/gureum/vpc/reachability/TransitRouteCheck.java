package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.CidrAssociation;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableRoute;

/**
 * A transit gateway route table: static routes to attachments, blackhole routes, and the blocks that
 * attachments propagate; the longest prefix wins and a static route beats a propagated one of the same
 * prefix (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview).
 */
final class TransitRouteCheck {
    /** The chosen route: its block, target attachment (null for a blackhole) and origin. */
    record Match(String cidr, String attachmentId, boolean blackhole, String origin) {
        TransitGatewayRouteTableRoute toSdk(VpcStore s) {
            TransitGatewayAttachment a = attachmentId == null ? null : s.tgwAttachments.get(attachmentId);
            return TransitGatewayRouteTableRoute.builder().destinationCidr(cidr)
                    .state(blackhole ? "blackhole" : "active").routeOrigin(origin).attachmentId(attachmentId)
                    .resourceId(a == null ? null : a.resourceId()).resourceType(a == null ? null : a.resourceType)
                    .build();
        }
    }

    private final VpcStore store;

    TransitRouteCheck(VpcStore store) {
        this.store = store;
    }

    Match lookup(TransitGatewayRouteTable t, Cidr destination) {
        Match best = null;
        int bestPrefix = -1;
        for (Map.Entry<String, String> e : t.staticRoutes.entrySet()) {
            Cidr c = Cidr.tryParse(e.getKey());
            if (c != null && c.contains(destination) && c.prefix() > bestPrefix) {
                best = new Match(e.getKey(), e.getValue(), false, "static");
                bestPrefix = c.prefix();
            }
        }
        for (String b : t.blackholes) {
            Cidr c = Cidr.tryParse(b);
            if (c != null && c.contains(destination) && c.prefix() > bestPrefix) {
                best = new Match(b, null, true, "static");
                bestPrefix = c.prefix();
            }
        }
        for (String attachmentId : t.propagations) {
            TransitGatewayAttachment a = store.tgwAttachments.get(attachmentId);
            Vpc v = a == null || a.vpcId == null ? null : store.vpcs.get(a.vpcId);
            if (v == null) {
                continue;
            }
            for (CidrAssociation ca : v.cidrs) {
                if (ca.state.equals("associated") && ca.cidr.contains(destination) && ca.cidr.prefix() > bestPrefix) {
                    best = new Match(ca.cidr.toString(), a.id, false, "propagated");
                    bestPrefix = ca.cidr.prefix();
                }
            }
        }
        return best;
    }
}
