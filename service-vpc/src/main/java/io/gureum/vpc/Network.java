package io.gureum.vpc;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** What the resource families share: core's services and each other. */
final class Network {
    final ServiceContext ctx;
    final PublicIpPool publicIps;
    final Vpcs vpcs;
    final Subnets subnets;
    final RouteTables routeTables;
    final NetworkAcls networkAcls;
    final SecurityGroups securityGroups;
    final InternetGateways internetGateways;
    final Addresses addresses;
    final NatGateways natGateways;
    final NetworkInterfaces networkInterfaces;
    final PrefixLists prefixLists;
    final VpcEndpoints vpcEndpoints;
    final Tags tags;
    final VpcPeering peering;
    final TransitGateways transitGateways;
    final VpnGateways vpnGateways;
    final AvailabilityZones availabilityZones;
    /** The store of any account and region, for the families that span two (peering). */
    private BiFunction<String, String, VpcStore> stores;

    Network(ServiceContext ctx) {
        this.ctx = ctx;
        this.publicIps = new PublicIpPool();
        this.vpcs = new Vpcs(this);
        this.subnets = new Subnets(this);
        this.routeTables = new RouteTables(this);
        this.networkAcls = new NetworkAcls(this);
        this.securityGroups = new SecurityGroups(this);
        this.internetGateways = new InternetGateways(this);
        this.addresses = new Addresses(this);
        this.natGateways = new NatGateways(this);
        this.networkInterfaces = new NetworkInterfaces(this);
        this.prefixLists = new PrefixLists(this);
        this.vpcEndpoints = new VpcEndpoints(this);
        this.tags = new Tags();
        this.peering = new VpcPeering(this);
        this.transitGateways = new TransitGateways(this);
        this.vpnGateways = new VpnGateways(this);
        this.availabilityZones = new AvailabilityZones(this);
    }

    void stores(BiFunction<String, String, VpcStore> stores) {
        this.stores = stores;
    }

    VpcStore store(String account, String region) {
        return stores.apply(account, region);
    }

    String id(String prefix) {
        return ctx.ids().next(prefix);
    }

    Instant now() {
        return ctx.clock().now();
    }

    String arn(VpcStore s, String resource) {
        return Arn.of("ec2", s.region, s.account, resource).toString();
    }

    List<AvailabilityZone> zones(String region) {
        return ctx.topology().region(region).map(r -> r.zones()).orElse(List.of());
    }
}
