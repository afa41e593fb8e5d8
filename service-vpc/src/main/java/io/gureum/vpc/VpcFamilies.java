package io.gureum.vpc;

import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.CustomerGateway;
import io.gureum.vpc.model.DhcpOptions;
import io.gureum.vpc.model.EgressOnlyInternetGateway;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkAcl;
import io.gureum.vpc.model.NetworkInsightsAccessScope;
import io.gureum.vpc.model.NetworkInsightsAccessScopeAnalysis;
import io.gureum.vpc.model.NetworkInsightsAnalysis;
import io.gureum.vpc.model.NetworkInsightsPath;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.model.VpnGateway;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every resource family of a {@link VpcStore} with its record kind and class, in the order restore rebuilds
 * them (a VPC before its subnets). A family added to the store is added here, or it is not persisted.
 */
final class VpcFamilies {
    record Family(String kind, Class<? extends Resource> type, Function<VpcStore, Map<String, ? extends Resource>> map) {
        @SuppressWarnings("unchecked")
        <T extends Resource> Map<String, T> of(VpcStore s) {
            return (Map<String, T>) map.apply(s);
        }
    }

    static final List<Family> ALL = List.of(
            new Family("dhcp-options", DhcpOptions.class, s -> s.dhcpOptions),
            new Family("vpc", Vpc.class, s -> s.vpcs),
            new Family("subnet", Subnet.class, s -> s.subnets),
            new Family("subnet-cidr-reservation", io.gureum.vpc.model.SubnetCidrReservation.class,
                    s -> s.subnetCidrReservations),
            new Family("internet-gateway", InternetGateway.class, s -> s.internetGateways),
            new Family("egress-only-internet-gateway", EgressOnlyInternetGateway.class,
                    s -> s.egressOnlyInternetGateways),
            new Family("route-table", RouteTable.class, s -> s.routeTables),
            new Family("elastic-ip", Address.class, s -> s.addresses),
            new Family("natgateway", NatGateway.class, s -> s.natGateways),
            new Family("security-group", SecurityGroup.class, s -> s.securityGroups),
            new Family("network-acl", NetworkAcl.class, s -> s.networkAcls),
            new Family("vpc-endpoint-service", io.gureum.vpc.model.VpcEndpointService.class,
                    s -> s.endpointServices),
            new Family("vpc-endpoint", VpcEndpoint.class, s -> s.vpcEndpoints),
            new Family("vpc-endpoint-connection-notification",
                    io.gureum.vpc.model.VpcEndpointConnectionNotification.class, s -> s.connectionNotifications),
            new Family("network-interface", NetworkInterface.class, s -> s.networkInterfaces),
            new Family("prefix-list", PrefixList.class, s -> s.prefixLists),
            new Family("vpc-peering-connection", VpcPeeringConnection.class, s -> s.peerings),
            new Family("transit-gateway", TransitGateway.class, s -> s.transitGateways),
            new Family("transit-gateway-attachment", TransitGatewayAttachment.class, s -> s.tgwAttachments),
            new Family("transit-gateway-route-table", TransitGatewayRouteTable.class, s -> s.tgwRouteTables),
            new Family("transit-gateway-connect-peer", io.gureum.vpc.model.TransitGatewayConnectPeer.class,
                    s -> s.tgwConnectPeers),
            new Family("transit-gateway-multicast-domain", io.gureum.vpc.model.TransitGatewayMulticastDomain.class,
                    s -> s.tgwMulticastDomains),
            new Family("customer-gateway", CustomerGateway.class, s -> s.customerGateways),
            new Family("vpn-gateway", VpnGateway.class, s -> s.vpnGateways),
            new Family("vpn-connection", io.gureum.vpc.model.VpnConnection.class, s -> s.vpnConnections),
            new Family("network-insights-path", NetworkInsightsPath.class, s -> s.insightsPaths),
            new Family("network-insights-analysis", NetworkInsightsAnalysis.class, s -> s.insightsAnalyses),
            new Family("network-insights-access-scope", NetworkInsightsAccessScope.class, s -> s.accessScopes),
            new Family("network-insights-access-scope-analysis", NetworkInsightsAccessScopeAnalysis.class,
                    s -> s.accessScopeAnalyses),
            new Family("vpc-flow-log", io.gureum.vpc.model.FlowLog.class, s -> s.flowLogs),
            new Family("carrier-gateway", io.gureum.vpc.model.CarrierGateway.class, s -> s.carrierGateways),
            new Family("traffic-mirror-target", io.gureum.vpc.model.TrafficMirrorTarget.class, s -> s.mirrorTargets),
            new Family("traffic-mirror-filter", io.gureum.vpc.model.TrafficMirrorFilter.class, s -> s.mirrorFilters),
            new Family("traffic-mirror-filter-rule", io.gureum.vpc.model.TrafficMirrorFilterRule.class,
                    s -> s.mirrorFilterRules),
            new Family("traffic-mirror-session", io.gureum.vpc.model.TrafficMirrorSession.class, s -> s.mirrorSessions),
            new Family("vpc-block-public-access-exclusion", io.gureum.vpc.model.VpcBlockPublicAccessExclusion.class,
                    s -> s.bpaExclusions),
            new Family("vpc-block-public-access-options", io.gureum.vpc.model.VpcBlockPublicAccessOptions.class,
                    s -> s.bpaOptions),
            new Family("vpc-encryption-control", io.gureum.vpc.model.VpcEncryptionControl.class,
                    s -> s.encryptionControls),
            new Family("ipam", io.gureum.vpc.model.Ipam.class, s -> s.ipams),
            new Family("ipam-scope", io.gureum.vpc.model.IpamScope.class, s -> s.ipamScopes),
            new Family("ipam-resource-discovery", io.gureum.vpc.model.IpamResourceDiscovery.class,
                    s -> s.ipamResourceDiscoveries),
            new Family("ipam-resource-discovery-association",
                    io.gureum.vpc.model.IpamResourceDiscoveryAssociation.class, s -> s.ipamDiscoveryAssociations),
            new Family("ipam-pool", io.gureum.vpc.model.IpamPool.class, s -> s.ipamPools),
            new Family("verified-access-trust-provider", io.gureum.vpc.model.VerifiedAccessTrustProvider.class,
                    s -> s.vaTrustProviders),
            new Family("verified-access-instance", io.gureum.vpc.model.VerifiedAccessInstance.class,
                    s -> s.vaInstances),
            new Family("verified-access-group", io.gureum.vpc.model.VerifiedAccessGroup.class, s -> s.vaGroups),
            new Family("verified-access-endpoint", io.gureum.vpc.model.VerifiedAccessEndpoint.class,
                    s -> s.vaEndpoints),
            new Family("route-server", io.gureum.vpc.model.RouteServer.class, s -> s.routeServers),
            new Family("route-server-endpoint", io.gureum.vpc.model.RouteServerEndpoint.class,
                    s -> s.routeServerEndpoints),
            new Family("route-server-peer", io.gureum.vpc.model.RouteServerPeer.class, s -> s.routeServerPeers),
            new Family("transit-gateway-metering-policy", io.gureum.vpc.model.TransitGatewayMeteringPolicy.class,
                    s -> s.meteringPolicies),
            new Family("vpn-concentrator", io.gureum.vpc.model.VpnConcentrator.class, s -> s.vpnConcentrators),
            new Family("ipv4pool-ec2", io.gureum.vpc.model.PublicIpv4Pool.class, s -> s.publicIpv4Pools),
            new Family("ipam-prefix-list-resolver", io.gureum.vpc.model.IpamPrefixListResolver.class,
                    s -> s.prefixListResolvers),
            new Family("ipam-prefix-list-resolver-target", io.gureum.vpc.model.IpamPrefixListResolverTarget.class,
                    s -> s.prefixListResolverTargets),
            new Family("network-performance-metric-subscription",
                    io.gureum.vpc.model.NetworkPerformanceSubscription.class, s -> s.networkPerformanceSubscriptions),
            new Family("client-vpn-endpoint", io.gureum.vpc.model.ClientVpnEndpoint.class, s -> s.clientVpnEndpoints),
            new Family("enclave-certificate-iam-role-association",
                    io.gureum.vpc.model.EnclaveCertificateAssociation.class, s -> s.enclaveCertificateAssociations));

    /** The ARN resource types this share registers (its families' and security group rules'). */
    static final java.util.Set<String> OWN_TYPES = java.util.Set.of("vpc", "subnet", "internet-gateway",
            "dhcp-options", "egress-only-internet-gateway",
            "route-table", "elastic-ip", "natgateway", "security-group", "network-acl", "vpc-endpoint",
            "network-interface", "prefix-list", "vpc-peering-connection", "transit-gateway",
            "transit-gateway-attachment", "transit-gateway-route-table", "transit-gateway-connect-peer",
            "transit-gateway-multicast-domain", "customer-gateway", "vpn-gateway",
            "network-insights-path", "network-insights-analysis", "network-insights-access-scope",
            "network-insights-access-scope-analysis", "security-group-rule", "vpc-flow-log",
            "carrier-gateway", "vpn-connection", "traffic-mirror-target", "traffic-mirror-filter",
            "traffic-mirror-filter-rule", "traffic-mirror-session", "vpc-block-public-access-exclusion",
            "vpc-encryption-control",
            "ipam", "ipam-scope", "ipam-pool", "ipam-resource-discovery", "ipam-resource-discovery-association",
            "verified-access-trust-provider", "verified-access-instance", "verified-access-group",
            "verified-access-endpoint",
            "route-server", "route-server-endpoint", "route-server-peer", "subnet-cidr-reservation",
            "transit-gateway-metering-policy", "vpn-concentrator", "ipv4pool-ec2", "ipam-prefix-list-resolver",
            "ipam-prefix-list-resolver-target", "client-vpn-endpoint");

    private VpcFamilies() {
    }
}
