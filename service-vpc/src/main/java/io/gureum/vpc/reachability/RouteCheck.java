package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Route tables choose by longest prefix match among routes whose destination (a CIDR block, or a prefix
 * list's blocks) holds every destination address left, the local routes included
 * (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html).
 */
final class RouteCheck {
    /** The table consulted and the route it chose (null when none applies). */
    record Match(RouteTable table, Route route, String state) {
    }

    private final NetworkState net;
    private final VpcStore store;

    RouteCheck(NetworkState net) {
        this.net = net;
        this.store = net.store();
    }

    Match lookup(Subnet sn, Cidr destination) {
        RouteTable t = net.routeTableOf(sn);
        if (t == null) {
            return new Match(null, null, null);
        }
        Route best = null;
        int bestPrefix = -1;
        for (Route r : t.routes) {
            for (Cidr c : blocks(r)) {
                if (c.contains(destination) && c.prefix() > bestPrefix) {
                    best = r;
                    bestPrefix = c.prefix();
                }
            }
        }
        return new Match(t, best, best == null ? null : net.routeState(t, best));
    }

    List<Cidr> blocks(Route r) {
        List<Cidr> out = new ArrayList<>();
        if (r.destinationCidr != null) {
            Cidr c = Cidr.tryParse(r.destinationCidr);
            if (c != null) {
                out.add(c);
            }
        } else if (r.destinationPrefixListId != null) {
            PrefixList pl = store.prefixLists.get(r.destinationPrefixListId);
            if (pl != null) {
                for (String b : pl.cidrs) {
                    Cidr c = Cidr.tryParse(b);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }
}
