package io.gureum.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkInsightsAccessScopeAnalysis;
import io.gureum.vpc.model.NetworkInsightsAnalysis;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the networking stores from their records: resources family by family in creation order, their
 * registrations (with tags) in core's resource registry, the indexes records leave out (a VPC's subnets by
 * CIDR), the public addresses taken, analyses still running re-armed on the clock. A peering connection
 * between two stores is one object again, registered first on its requester's side (which holds its
 * creation tags).
 */
final class VpcRestore {
    private record Entry(VpcStore store, JsonNode record, Resource resource) {
    }

    private final Network net;

    VpcRestore(Network net) {
        this.net = net;
    }

    Map<AccountRegionStore.Key, VpcStore> restore(List<StateRecord> records) {
        Map<AccountRegionStore.Key, VpcStore> stores = new LinkedHashMap<>();
        Map<String, List<Entry>> byKind = new HashMap<>();
        Map<String, VpcFamilies.Family> families = new HashMap<>();
        VpcFamilies.ALL.forEach(f -> families.put(f.kind(), f));
        for (StateRecord r : records) {
            VpcFamilies.Family f = families.get(r.kind());
            if (f == null && !r.kind().equals(VpcRecords.STORE) && !r.kind().equals(VpcRecords.TAGS)) {
                continue; // compute's records, or a kind this version no longer has
            }
            VpcStore s = stores.computeIfAbsent(new AccountRegionStore.Key(r.account(), r.region()),
                    k -> new VpcStore(k.account(), k.region(), net.ctx.registry()));
            if (f == null) {
                if (r.kind().equals(VpcRecords.TAGS)) {
                    s.foreignTagged.add(r.key());
                }
                continue;
            }
            JsonNode json = FieldJson.read(r.value(), JsonNode.class);
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(new Entry(s, json, null));
        }
        Map<String, Resource> shared = new HashMap<>();
        for (VpcFamilies.Family f : VpcFamilies.ALL) {
            List<Entry> entries = new ArrayList<>();
            for (Entry e : byKind.getOrDefault(f.kind(), List.of())) {
                Resource resource = f.type() == VpcPeeringConnection.class
                        ? shared.computeIfAbsent(e.record.get("resource").get("id").asText(),
                                id -> VpcRecords.resource(e.record, f.type()))
                        : VpcRecords.resource(e.record, f.type());
                entries.add(new Entry(e.store, e.record, resource));
            }
            entries.sort(Comparator.comparing((Entry e) -> !ownerSide(e))
                    .thenComparing(e -> e.resource.created, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(e -> e.resource.id));
            for (Entry e : entries) {
                add(e.store, f, e);
            }
        }
        for (VpcStore s : stores.values()) {
            rebuild(s);
        }
        return stores;
    }

    /** Whether the entry is in the store of the account and region that created the resource. */
    private static boolean ownerSide(Entry e) {
        if (e.resource instanceof VpcPeeringConnection p) {
            return e.store.account.equals(p.requesterOwnerId) && e.store.region.equals(p.requesterRegion);
        }
        return true;
    }

    private void add(VpcStore s, VpcFamilies.Family f, Entry e) {
        Map<String, Resource> family = f.of(s);
        if (!e.record.path("registered").asBoolean()) {
            family.put(e.resource.id, e.resource);
            return;
        }
        boolean otherSide = !ownerSide(e);
        s.put(family, e.resource);
        if (otherSide) {
            Map<String, String> tags = FieldJson.read(e.record.get("tags"), Map.class);
            if (!tags.isEmpty()) {
                net.ctx.registry().tag(s.arnOf(e.resource), tags);
            }
        }
        if (e.resource instanceof SecurityGroup g) {
            s.registerRules(g.rules);
        }
    }

    /** What the records leave out: indexes, public addresses taken, timers. */
    private void rebuild(VpcStore s) {
        // Records written before DHCP option sets were stored: the default set is the one the VPCs name.
        if (s.dhcpOptions.isEmpty()) {
            s.vpcs.values().stream().map(v -> v.dhcpOptionsId).filter(id -> id != null && id.startsWith("dopt-"))
                    .findFirst().ifPresent(id -> net.dhcpOptions.createDefault(s, id));
        }
        for (Subnet sn : s.subnets.values()) {
            Vpc vpc = s.vpcs.get(sn.vpcId);
            if (vpc != null) {
                vpc.subnetIndex.add(sn.cidr, sn);
                vpc.subnets.put(sn.id, sn);
            }
        }
        for (Address a : s.addresses.values()) {
            net.publicIps.take(s.region, a.publicIp);
        }
        for (NetworkInterface eni : s.networkInterfaces.values()) {
            net.publicIps.take(s.region, eni.publicIp);
        }
        for (NatGateway n : s.natGateways.values()) {
            net.publicIps.take(s.region, n.publicIp);
        }
        for (io.gureum.vpc.model.VpnConnection c : s.vpnConnections.values()) {
            if (s.registered(c)) {
                c.tunnels.forEach(t -> net.publicIps.take(s.region, t.outsideIpAddress()));
            }
        }
        for (NetworkInsightsAnalysis a : s.insightsAnalyses.values()) {
            if (a.status.equals("running")) {
                net.insights.rearm(s, a.due);
            }
        }
        for (NetworkInsightsAccessScopeAnalysis a : s.accessScopeAnalyses.values()) {
            if (a.status.equals("running")) {
                net.insights.rearm(s, a.due);
            }
        }
    }
}
