package io.gureum.vpc.reachability;

import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.Subnet;

/**
 * A path's source or destination resolved to what carries its packets: an interface (instances and
 * interface endpoints send and receive through one), a gateway, or a bare address.
 *
 * @param kind {@code eni}, {@code igw}, {@code nat}, {@code vpce-gateway}, {@code pcx}, {@code tgw} or {@code ip}
 * @param id the ID the path names (an instance's ID for an instance)
 * @param resource the stored record of the gateway or interface (null for an address)
 * @param eni the interface that sends or receives (instances, interfaces, NAT and interface endpoints)
 * @param subnet the subnet of that interface, or of the address
 */
record Endpoint(String kind, String id, Resource resource, NetworkInterface eni, Subnet subnet, String address) {
    boolean is(String k, String otherId) {
        return kind.equals(k) && id.equals(otherId);
    }
}
