package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VpcPeeringConnection;

/** What the engine reads of one account's networking store: the records and the states they derive. */
public interface NetworkState {
    VpcStore store();

    /** The subnet's explicitly associated route table, else its VPC's main route table. */
    RouteTable routeTableOf(Subnet subnet);

    /** {@code active} or {@code blackhole}, as DescribeRouteTables reports the route. */
    String routeState(RouteTable table, Route route);

    /** The gateway's state on the clock now ({@code pending}, {@code available}, …). */
    String natState(NatGateway nat);

    /** The connection's status code now ({@code active}, {@code pending-acceptance}, …). */
    String peeringStatus(VpcPeeringConnection peering);
}
