package io.gureum.vpc;

import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.reachability.NetworkState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stores of one Region as the reachability engine reads them, with the states the resource families
 * derive. For a single account this is that account's store; for a cross-account analysis it is a
 * read-only view merging the path owner's store with the stores of the accounts the walk may enter
 * (resource IDs are unique across accounts, so the view is keyed as the stores are).
 */
final class InsightsNetwork implements NetworkState {
    private static final int COPY_ATTEMPTS = 5;
    private final Network net;
    private final VpcStore store;
    private final VpcStore endpointStore;
    /** The owning account of each resource in the views (instances: through their interfaces). */
    private final Map<String, String> owners = new HashMap<>();
    private final Set<String> traversable = new HashSet<>();

    InsightsNetwork(Network net, VpcStore store) {
        this.net = net;
        this.store = store;
        this.endpointStore = store;
    }

    private InsightsNetwork(Network net, VpcStore home, Set<String> walkAccounts, Set<String> endpointAccounts) {
        this.net = net;
        this.store = new VpcStore(home.account, home.region, net.ctx.registry());
        this.endpointStore = new VpcStore(home.account, home.region, net.ctx.registry());
        for (String account : endpointAccounts) {
            VpcStore s = account.equals(home.account) ? home : net.store(account, home.region);
            boolean walk = walkAccounts.contains(account);
            copy(s, endpointStore);
            if (walk) {
                copy(s, store);
            }
            for (NetworkInterface e : s.networkInterfaces.values()) {
                owners.putIfAbsent(e.id, account);
                if (e.attachedInstanceId != null) {
                    owners.putIfAbsent(e.attachedInstanceId, account);
                }
            }
            for (String id : ids(s)) {
                owners.putIfAbsent(id, account);
                if (walk) {
                    traversable.add(id);
                }
            }
        }
    }

    /**
     * The view a path's analysis reads: the path owner's account and the analysis' AdditionalAccounts
     * are traversed; the accounts the path's source and destination ARNs name are read only to find the
     * endpoints (a destination in an account the walk may not enter ends the walk at the boundary).
     */
    static InsightsNetwork forAnalysis(Network net, VpcStore home, Collection<String> additionalAccounts,
            Collection<String> endpointArns) {
        Set<String> walk = new LinkedHashSet<>();
        walk.add(home.account);
        // Only account IDs name stores; anything else in AdditionalAccounts holds no resources.
        additionalAccounts.stream().filter(x -> x != null && x.matches("\\d{12}")).forEach(walk::add);
        Set<String> endpoints = new LinkedHashSet<>(walk);
        for (String arn : endpointArns) {
            String account = accountOfArn(arn);
            if (account != null && account.matches("\\d{12}")) {
                endpoints.add(account);
            }
        }
        if (endpoints.size() == 1) {
            return new InsightsNetwork(net, home);
        }
        return new InsightsNetwork(net, home, walk, endpoints);
    }

    /** The account of an EC2 ARN ({@code arn:aws:ec2:<region>:<account>:…}), or null. */
    static String accountOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length < 6 || parts[4].isEmpty() ? null : parts[4];
    }

    /**
     * Copies the families the engine reads. The other accounts' stores are not locked here (taking a
     * second store lock from inside an operation could deadlock), so a copy that races a change is retried.
     */
    private static void copy(VpcStore from, VpcStore to) {
        for (int attempt = 1;; attempt++) {
            try {
                to.vpcs.putAll(from.vpcs);
                to.subnets.putAll(from.subnets);
                to.internetGateways.putAll(from.internetGateways);
                to.routeTables.putAll(from.routeTables);
                to.natGateways.putAll(from.natGateways);
                to.securityGroups.putAll(from.securityGroups);
                to.networkAcls.putAll(from.networkAcls);
                to.vpcEndpoints.putAll(from.vpcEndpoints);
                to.networkInterfaces.putAll(from.networkInterfaces);
                from.prefixLists.forEach(to.prefixLists::putIfAbsent);
                to.peerings.putAll(from.peerings);
                to.transitGateways.putAll(from.transitGateways);
                to.tgwAttachments.putAll(from.tgwAttachments);
                to.tgwRouteTables.putAll(from.tgwRouteTables);
                to.vpnGateways.putAll(from.vpnGateways);
                return;
            } catch (ConcurrentModificationException e) {
                if (attempt == COPY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static List<String> ids(VpcStore s) {
        List<String> ids = new ArrayList<>();
        for (Map<String, ? extends Resource> family : List.of(s.vpcs, s.subnets, s.internetGateways, s.routeTables,
                s.natGateways, s.securityGroups, s.networkAcls, s.vpcEndpoints, s.networkInterfaces,
                s.transitGateways, s.tgwAttachments, s.tgwRouteTables, s.vpnGateways)) {
            ids.addAll(family.keySet());
        }
        return ids;
    }

    @Override
    public VpcStore store() {
        return store;
    }

    @Override
    public VpcStore endpointStore() {
        return endpointStore;
    }

    @Override
    public boolean traversable(String id) {
        return store == endpointStore || traversable.contains(id);
    }

    @Override
    public String accountOf(String id) {
        return owners.getOrDefault(id, store.account);
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
    public boolean blockedByBlockPublicAccess(Subnet subnet, boolean ingress, boolean throughNat) {
        VpcStore owner = net.store(accountOf(subnet.id), store.region);
        return net.blockPublicAccess.blocks(owner, subnet, ingress, throughNat);
    }

    @Override
    public String peeringStatus(VpcPeeringConnection peering) {
        return net.peering.status(peering);
    }
}
