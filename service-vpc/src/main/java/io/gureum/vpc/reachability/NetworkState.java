package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VpcPeeringConnection;

/**
 * What the engine reads of the networking stores of one Region: the records and the states they derive.
 * {@link #store()} holds what the walk may traverse: the path owner's account and, for a cross-account
 * analysis, the accounts the analysis lists in {@code AdditionalAccounts}.
 */
public interface NetworkState {
    VpcStore store();

    /** Where the path's source and destination are looked up: also the accounts their ARNs name. */
    default VpcStore endpointStore() {
        return store();
    }

    /** Whether the walk may traverse the resource: it is in {@link #store()}'s accounts. */
    default boolean traversable(String id) {
        return true;
    }

    /** The account that owns the resource with this ID (for its ARN in the analysis' components). */
    default String accountOf(String id) {
        return store().account;
    }

    /** The subnet's explicitly associated route table, else its VPC's main route table. */
    RouteTable routeTableOf(Subnet subnet);

    /** {@code active} or {@code blackhole}, as DescribeRouteTables reports the route. */
    String routeState(RouteTable table, Route route);

    /** The gateway's state on the clock now ({@code pending}, {@code available}, …). */
    String natState(NatGateway nat);

    /**
     * Whether the account's VPC Block Public Access (with its exclusions) blocks traffic of the subnet through
     * an internet gateway: {@code ingress} from the internet, or egress to it ({@code throughNat} when the
     * sender is a NAT gateway).
     */
    default boolean blockedByBlockPublicAccess(Subnet subnet, boolean ingress, boolean throughNat) {
        return false;
    }

    /** The connection's status code now ({@code active}, {@code pending-acceptance}, …). */
    String peeringStatus(VpcPeeringConnection peering);
}
