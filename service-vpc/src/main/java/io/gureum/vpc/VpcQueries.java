package io.gureum.vpc;

import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.Subnet;
import java.util.Optional;
import java.util.function.Function;

/** In-JVM queries of the networking state for other modules, tests and benchmarks: no AWS operation. */
public final class VpcQueries {
    private final Network net;

    VpcQueries(Network net) {
        this.net = net;
    }

    /**
     * Longest-prefix-match routing: the route a packet from {@code subnetId} to the IPv4 {@code address}
     * takes, or empty when no route matches or the subnet does not exist.
     */
    public Optional<Route> routeFor(String account, String region, String subnetId, String address) {
        VpcStore s = net.store(account, region);
        synchronized (s) {
            Subnet sn = s.subnets.get(subnetId);
            return sn == null ? Optional.empty() : net.routeTables.lookup(s, sn, address);
        }
    }

    /** Runs {@code op} on a store under its lock. */
    public <T> T withStore(String account, String region, Function<VpcStore, T> op) {
        VpcStore s = net.store(account, region);
        synchronized (s) {
            return op.apply(s);
        }
    }
}
