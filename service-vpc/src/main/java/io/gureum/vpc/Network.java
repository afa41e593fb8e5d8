package io.gureum.vpc;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.topology.AvailabilityZone;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    final EgressOnlyInternetGateways egressOnlyInternetGateways;
    final DhcpOptionsSets dhcpOptions;
    final Addresses addresses;
    final NatGateways natGateways;
    final NetworkInterfaces networkInterfaces;
    final PrefixLists prefixLists;
    final VpcEndpoints vpcEndpoints;
    final VpcEndpointServices endpointServices;
    final VpcEndpointConnections endpointConnections;
    final VpcEndpointNotifications endpointNotifications;
    final LoadBalancers loadBalancers;
    final Tags tags;
    final VpcPeering peering;
    final TransitGateways transitGateways;
    final TransitGatewayModifications transitGatewayModifications;
    final TransitGatewayPeerings transitGatewayPeerings;
    final TransitGatewayConnects transitGatewayConnects;
    final TransitGatewayMulticast transitGatewayMulticast;
    final VpnGateways vpnGateways;
    final VpnConnections vpnConnections;
    final AvailabilityZones availabilityZones;
    final InsightsRunner insights;
    final NetworkInsightsPaths insightsPaths;
    final NetworkInsightsAnalyses insightsAnalyses;
    final NetworkAccessScopes accessScopes;
    final FlowLogs flowLogs;
    final CarrierGateways carrierGateways;
    final NetworkInterfacePermissions interfacePermissions;
    final SecurityGroupVpcAssociations securityGroupVpcAssociations;
    final LocalGateways localGateways;
    final TrafficMirrors trafficMirrors;
    final VpcBlockPublicAccess blockPublicAccess;
    final VpcEncryptionControls encryptionControls;
    final Ipams ipams;
    final IpamPools ipamPools;
    final VerifiedAccessInstances vaInstances;
    final VerifiedAccessTrustProviders vaTrustProviders;
    final VerifiedAccessGroups vaGroups;
    final VerifiedAccessEndpoints vaEndpoints;
    final RouteServers routeServers;
    final RouteServerEndpoints routeServerEndpoints;
    final AddressAttributes addressAttributes;
    final NetworkInterfaceAttributes interfaceAttributes;
    final NatGatewayAddresses natGatewayAddresses;
    final SecurityGroupReferences securityGroupReferences;
    final PrefixListVersions prefixListVersions;
    final SubnetCidrReservations subnetCidrReservations;
    final DefaultSubnets defaultSubnets;
    final TransitGatewayMeteringPolicies meteringPolicies;
    final VpnConcentrators vpnConcentrators;
    final NetworkPerformanceSubscriptions networkPerformance;
    final PublicIpv4Pools publicIpv4Pools;
    final IpamPrefixListResolvers prefixListResolvers;
    final ClientVpnEndpoints clientVpnEndpoints;
    final ClientVpnTargets clientVpnTargets;
    final ClientVpnAuthorizationPolicies clientVpnPolicies;
    final EnclaveCertificates enclaveCertificates;
    final VpcRecords records;
    private final AccountRegionStore<VpcStore> stores;
    /** Stores rebuilt from --data-dir records, taken by the first request of their place. */
    private final Map<AccountRegionStore.Key, VpcStore> restored = new ConcurrentHashMap<>();

    Network(ServiceContext ctx) {
        this.ctx = ctx;
        this.publicIps = new PublicIpPool();
        this.vpcs = new Vpcs(this);
        this.subnets = new Subnets(this);
        this.routeTables = new RouteTables(this);
        this.networkAcls = new NetworkAcls(this);
        this.securityGroups = new SecurityGroups(this);
        this.internetGateways = new InternetGateways(this);
        this.egressOnlyInternetGateways = new EgressOnlyInternetGateways(this);
        this.dhcpOptions = new DhcpOptionsSets(this);
        this.addresses = new Addresses(this);
        this.natGateways = new NatGateways(this);
        this.networkInterfaces = new NetworkInterfaces(this);
        this.prefixLists = new PrefixLists(this);
        this.vpcEndpoints = new VpcEndpoints(this);
        this.endpointServices = new VpcEndpointServices(this);
        this.endpointConnections = new VpcEndpointConnections(this);
        this.endpointNotifications = new VpcEndpointNotifications(this);
        this.loadBalancers = new LoadBalancers(this);
        this.tags = new Tags(this);
        this.peering = new VpcPeering(this);
        this.transitGateways = new TransitGateways(this);
        this.transitGatewayModifications = new TransitGatewayModifications(this);
        this.transitGatewayPeerings = new TransitGatewayPeerings(this);
        this.transitGatewayConnects = new TransitGatewayConnects(this);
        this.transitGatewayMulticast = new TransitGatewayMulticast(this);
        this.vpnGateways = new VpnGateways(this);
        this.vpnConnections = new VpnConnections(this);
        this.availabilityZones = new AvailabilityZones(this);
        this.insights = new InsightsRunner(this);
        this.insightsPaths = new NetworkInsightsPaths(this);
        this.insightsAnalyses = new NetworkInsightsAnalyses(this);
        this.accessScopes = new NetworkAccessScopes(this);
        this.flowLogs = new FlowLogs(this);
        this.carrierGateways = new CarrierGateways(this);
        this.interfacePermissions = new NetworkInterfacePermissions(this);
        this.securityGroupVpcAssociations = new SecurityGroupVpcAssociations(this);
        this.localGateways = new LocalGateways(this);
        this.trafficMirrors = new TrafficMirrors(this);
        this.blockPublicAccess = new VpcBlockPublicAccess(this);
        this.encryptionControls = new VpcEncryptionControls(this);
        this.ipams = new Ipams(this);
        this.ipamPools = new IpamPools(this);
        this.vaInstances = new VerifiedAccessInstances(this);
        this.vaTrustProviders = new VerifiedAccessTrustProviders(this);
        this.vaGroups = new VerifiedAccessGroups(this);
        this.vaEndpoints = new VerifiedAccessEndpoints(this);
        this.routeServers = new RouteServers(this);
        this.routeServerEndpoints = new RouteServerEndpoints(this);
        this.addressAttributes = new AddressAttributes(this);
        this.interfaceAttributes = new NetworkInterfaceAttributes(this);
        this.natGatewayAddresses = new NatGatewayAddresses(this);
        this.securityGroupReferences = new SecurityGroupReferences(this);
        this.prefixListVersions = new PrefixListVersions(this);
        this.subnetCidrReservations = new SubnetCidrReservations(this);
        this.defaultSubnets = new DefaultSubnets(this);
        this.meteringPolicies = new TransitGatewayMeteringPolicies(this);
        this.vpnConcentrators = new VpnConcentrators(this);
        this.networkPerformance = new NetworkPerformanceSubscriptions(this);
        this.publicIpv4Pools = new PublicIpv4Pools(this);
        this.prefixListResolvers = new IpamPrefixListResolvers(this);
        this.clientVpnEndpoints = new ClientVpnEndpoints(this, new ClientVpnLookups(this));
        this.clientVpnTargets = new ClientVpnTargets(this);
        this.clientVpnPolicies = new ClientVpnAuthorizationPolicies(this);
        this.enclaveCertificates = new EnclaveCertificates(this);
        this.records = new VpcRecords(this);
        this.stores = new AccountRegionStore<>((account, region) -> {
            VpcStore kept = restored.remove(new AccountRegionStore.Key(account, region));
            if (kept != null) {
                return kept;
            }
            VpcStore s = new VpcStore(account, region, ctx.registry());
            prefixLists.seed(s);
            dhcpOptions.createDefault(s, null);
            // Every account has a default VPC in every region (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
            vpcs.createDefaultNetwork(s);
            return s;
        });
    }


    /** The providers: one object per resource family, each binding that family's operations. */
    List<Object> providers() {
        return List.of(vpcs, subnets, routeTables, networkAcls, securityGroups, internetGateways, addresses,
                natGateways, networkInterfaces, prefixLists, vpcEndpoints, endpointServices, endpointConnections,
                endpointNotifications, tags, peering, transitGateways,
                transitGatewayModifications, transitGatewayPeerings, transitGatewayConnects, transitGatewayMulticast,
                vpnGateways, availabilityZones, insightsPaths, insightsAnalyses, accessScopes, flowLogs,
                egressOnlyInternetGateways, dhcpOptions, carrierGateways, interfacePermissions,
                securityGroupVpcAssociations, localGateways, vpnConnections, trafficMirrors, blockPublicAccess, encryptionControls, ipams, ipamPools,
                vaInstances, vaTrustProviders, vaGroups, vaEndpoints,
                routeServers, routeServerEndpoints,
                addressAttributes, interfaceAttributes, natGatewayAddresses, securityGroupReferences, prefixListVersions,
                subnetCidrReservations, defaultSubnets,
                meteringPolicies, vpnConcentrators, networkPerformance, publicIpv4Pools, prefixListResolvers, clientVpnEndpoints, clientVpnTargets,
                clientVpnPolicies, enclaveCertificates);
    }

    /** Makes the restored stores the ones of their places (right after creation, before any request). */
    void restore(java.util.List<io.gureum.core.persist.StateRecord> list) {
        restored.putAll(records.restore(list));
        for (AccountRegionStore.Key k : List.copyOf(restored.keySet())) {
            stores.get(k.account(), k.region());
        }
    }

    /** Every store made so far. */
    void forEachStore(java.util.function.Consumer<VpcStore> action) {
        stores.forEach((key, s) -> action.accept(s));
    }

    /** The store of any account and region (peering spans two). */
    VpcStore store(String account, String region) {
        return stores.get(account, region);
    }

    /** The caller's store: the account and region of the request being served. */
    VpcStore store() {
        RequestContext ctx = RequestContext.current();
        return stores.get(ctx.accountId(), ctx.region());
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
