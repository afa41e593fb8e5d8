package io.gureum.vpc.reachability;

import static io.gureum.vpc.reachability.Explain.blocked;
import static io.gureum.vpc.reachability.Explain.code;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * The return path: the reply crosses every segment of the forward path backwards. Security groups let
 * it through (they are stateful); network ACLs are checked again with the addresses and ports swapped,
 * so the reply's destination ports are the client's ephemeral ports; and each subnet the reply leaves
 * needs a route back through the gateway the request came by.
 */
final class ReturnWalk {
    final Trace trace = new Trace();
    private final VpcStore store;
    private final Components comps;
    private final RouteCheck routes;
    private final TransitRouteCheck tgwRoutes;
    private final Hops hops;

    ReturnWalk(NetworkState net) {
        this.store = net.store();
        this.comps = new Components(net);
        this.routes = new RouteCheck(net);
        this.tgwRoutes = new TransitRouteCheck(store);
        this.hops = new Hops(comps, new AclCheck(store), trace, new ArrayList<>()).on(net);
    }

    void walk(List<Segment> segments, AnalysisComponent destination, AnalysisComponent source, Header delivered) {
        trace.add(PathComponent.builder().component(destination).outboundHeader(delivered.reversed().toSdk()));
        for (int i = segments.size() - 1; i >= 0; i--) {
            back(segments.get(i));
        }
        trace.add(PathComponent.builder().component(source));
    }

    private void back(Segment seg) {
        Header rh = seg.header().reversed();
        Subnet from = seg.to();
        Subnet to = seg.from();
        boolean sameSubnet = from != null && to != null && from.id.equals(to.id);
        if (sameSubnet) {
            return;
        }
        if (from != null) {
            rh = hops.one(from, true, rh, trace);
            routeBack(from, rh, seg);
        }
        if (to != null) {
            hops.one(to, false, rh, trace);
        }
    }

    private void routeBack(Subnet sn, Header rh, Segment seg) {
        RouteCheck.Match rm = routes.lookup(sn, rh.destination());
        Route r = rm.route();
        boolean ok = r != null && "active".equals(rm.state()) && leadsBack(r, seg);
        if (!ok) {
            var e = code(Explain.NO_ROUTE_TO_DESTINATION).component(comps.of(rm.table())).routeTable(comps.of(rm.table()))
                    .subnet(comps.of(sn)).vpc(comps.ofId(sn.vpcId, "vpc"))
                    .addresses(List.of(Header.text(rh.destination())));
            if (r != null) {
                e.routeTableRoute(Components.route(r, rm.state()));
            }
            throw blocked(e);
        }
        trace.add(PathComponent.builder().component(comps.of(rm.table())).vpc(comps.ofId(sn.vpcId, "vpc"))
                .subnet(comps.of(sn)).routeTableRoute(Components.route(r, rm.state())));
        if (seg.toAttachment() != null) {
            transitBack(rh, seg);
        }
    }

    private static boolean leadsBack(Route r, Segment seg) {
        if ("local".equals(seg.via())) {
            return "local".equals(r.gatewayId);
        }
        return seg.via().equals(r.target());
    }

    /** The route table of the destination's attachment must send the reply to the source's attachment. */
    private void transitBack(Header rh, Segment seg) {
        TransitGatewayAttachment to = store.tgwAttachments.get(seg.toAttachment());
        TransitGatewayRouteTable rtb = to == null || to.associatedRouteTableId == null ? null
                : store.tgwRouteTables.get(to.associatedRouteTableId);
        if (rtb == null) {
            throw blocked(code(Explain.TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION)
                    .component(comps.ofId(seg.toAttachment(), "transit-gateway-attachment"))
                    .transitGatewayAttachment(comps.ofId(seg.toAttachment(), "transit-gateway-attachment")));
        }
        TransitRouteCheck.Match tm = tgwRoutes.lookup(rtb, rh.destination());
        if (tm == null || tm.blackhole() || !seg.fromAttachment().equals(tm.attachmentId())) {
            var e = code(tm != null && tm.blackhole() ? Explain.TGW_RTB_BAD_STATE_ROUTE : Explain.NO_ROUTE_TO_DESTINATION)
                    .component(comps.of(rtb)).transitGatewayRouteTable(comps.of(rtb))
                    .transitGateway(comps.ofId(seg.via(), "transit-gateway"))
                    .addresses(List.of(Header.text(rh.destination())));
            if (tm != null) {
                e.transitGatewayRouteTableRoute(tm.toSdk(store));
            }
            throw blocked(e);
        }
        trace.add(PathComponent.builder().component(comps.ofId(seg.via(), "transit-gateway"))
                .transitGateway(comps.ofId(seg.via(), "transit-gateway")).transitGatewayRouteTableRoute(tm.toSdk(store)));
    }
}
