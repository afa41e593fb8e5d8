package io.gureum.vpc;

import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.reachability.NetworkState;

/** One store as the reachability engine reads it, with the states the resource families derive. */
final class InsightsNetwork implements NetworkState {
    private final Network net;
    private final VpcStore store;

    InsightsNetwork(Network net, VpcStore store) {
        this.net = net;
        this.store = store;
    }

    @Override
    public VpcStore store() {
        return store;
    }

    @Override
    public RouteTable routeTableOf(Subnet subnet) {
        return net.routeTables.tableOf(store, subnet);
    }

    @Override
    public String routeState(RouteTable table, Route route) {
        return net.routeTables.state(store, table, route);
    }

    @Override
    public String natState(NatGateway nat) {
        return net.natGateways.state(nat);
    }

    @Override
    public String peeringStatus(VpcPeeringConnection peering) {
        return net.peering.status(peering);
    }
}
