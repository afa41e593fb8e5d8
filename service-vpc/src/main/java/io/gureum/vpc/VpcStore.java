package io.gureum.vpc;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.Ec2Api;
import io.gureum.ec2common.Ec2Arns;
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
import io.gureum.vpc.model.SecurityGroupRule;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayRouteTable;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.model.VpcPeeringConnection;
import io.gureum.vpc.model.VpnGateway;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networking state of one account in one region. Not thread-safe on its own: {@link StoreLock} holds
 * the store's monitor for the length of each operation.
 */
public final class VpcStore {
    public final String account;
    public final String region;

    public final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    public final Map<String, Subnet> subnets = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.SubnetCidrReservation> subnetCidrReservations = new LinkedHashMap<>();
    public final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    public final Map<String, DhcpOptions> dhcpOptions = new LinkedHashMap<>();
    public final Map<String, EgressOnlyInternetGateway> egressOnlyInternetGateways = new LinkedHashMap<>();
    public final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public final Map<String, Address> addresses = new LinkedHashMap<>();
    public final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    public final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    public final Map<String, NetworkAcl> networkAcls = new LinkedHashMap<>();
    public final Map<String, VpcEndpoint> vpcEndpoints = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VpcEndpointService> endpointServices = new LinkedHashMap<>();
    /** Never registered: connection notifications have no tags. */
    public final Map<String, io.gureum.vpc.model.VpcEndpointConnectionNotification> connectionNotifications =
            new LinkedHashMap<>();
    public final Map<String, NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    public final Map<String, PrefixList> prefixLists = new LinkedHashMap<>();
    public final Map<String, VpcPeeringConnection> peerings = new LinkedHashMap<>();
    public final Map<String, TransitGateway> transitGateways = new LinkedHashMap<>();
    public final Map<String, TransitGatewayAttachment> tgwAttachments = new LinkedHashMap<>();
    public final Map<String, TransitGatewayRouteTable> tgwRouteTables = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TransitGatewayConnectPeer> tgwConnectPeers = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TransitGatewayMulticastDomain> tgwMulticastDomains = new LinkedHashMap<>();
    public final Map<String, CustomerGateway> customerGateways = new LinkedHashMap<>();
    public final Map<String, VpnGateway> vpnGateways = new LinkedHashMap<>();
    public final Map<String, NetworkInsightsPath> insightsPaths = new LinkedHashMap<>();
    public final Map<String, NetworkInsightsAnalysis> insightsAnalyses = new LinkedHashMap<>();
    public final Map<String, NetworkInsightsAccessScope> accessScopes = new LinkedHashMap<>();
    public final Map<String, NetworkInsightsAccessScopeAnalysis> accessScopeAnalyses = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.FlowLog> flowLogs = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.CarrierGateway> carrierGateways = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VpnConnection> vpnConnections = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TrafficMirrorTarget> mirrorTargets = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TrafficMirrorFilter> mirrorFilters = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TrafficMirrorFilterRule> mirrorFilterRules = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.TrafficMirrorSession> mirrorSessions = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VpcBlockPublicAccessExclusion> bpaExclusions = new LinkedHashMap<>();
    /** At most one entry ({@link io.gureum.vpc.model.VpcBlockPublicAccessOptions#ID}), never registered. */
    public final Map<String, io.gureum.vpc.model.VpcBlockPublicAccessOptions> bpaOptions = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VpcEncryptionControl> encryptionControls = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.Ipam> ipams = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamScope> ipamScopes = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamPool> ipamPools = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamResourceDiscovery> ipamResourceDiscoveries = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamResourceDiscoveryAssociation> ipamDiscoveryAssociations =
            new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VerifiedAccessTrustProvider> vaTrustProviders = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VerifiedAccessInstance> vaInstances = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VerifiedAccessGroup> vaGroups = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VerifiedAccessEndpoint> vaEndpoints = new LinkedHashMap<>();

    public final Map<String, io.gureum.vpc.model.RouteServer> routeServers = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.RouteServerEndpoint> routeServerEndpoints = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.RouteServerPeer> routeServerPeers = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.ClientVpnEndpoint> clientVpnEndpoints = new LinkedHashMap<>();

    public final Map<String, io.gureum.vpc.model.TransitGatewayMeteringPolicy> meteringPolicies = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.VpnConcentrator> vpnConcentrators = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.PublicIpv4Pool> publicIpv4Pools = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamPrefixListResolver> prefixListResolvers = new LinkedHashMap<>();
    public final Map<String, io.gureum.vpc.model.IpamPrefixListResolverTarget> prefixListResolverTargets =
            new LinkedHashMap<>();
    /** Keyed by source, destination, metric and statistic; never registered (no ID or tags). */
    public final Map<String, io.gureum.vpc.model.NetworkPerformanceSubscription> networkPerformanceSubscriptions =
            new LinkedHashMap<>();
    /** Keyed by certificate and role ARN; never registered (no ID or tags). */
    public final Map<String, io.gureum.vpc.model.EnclaveCertificateAssociation> enclaveCertificateAssociations =
            new LinkedHashMap<>();

    /**
     * Resources of the compute share (instances, volumes, images …) CreateTags or DeleteTags changed here:
     * their tags are recorded by this share ({@link VpcRecords#TAGS}), whose operations changed them.
     */
    public final java.util.Set<String> foreignTagged = new java.util.LinkedHashSet<>();

    private final ResourceRegistry registry;

    VpcStore(String account, String region, ResourceRegistry registry) {
        this.account = account;
        this.region = region;
        this.registry = registry;
    }

    /**
     * Stores a resource and registers it (with the tags of its create call) in core's resource registry,
     * which keeps its tags from then on. A resource two stores share (a peering connection across
     * accounts or regions) is registered in each: the creating side's record holds the creation tags and
     * is the one {@code resource.tags} reads; the other side's record starts without tags (each account
     * tags its side of a peering connection).
     */
    public <T extends Resource> T put(Map<String, T> family, T resource) {
        family.put(resource.id, resource);
        if (registry.byId(account, region, Ec2Api.NAME, resource.id).isEmpty()) {
            if (resource.tags.attached()) {
                registry.register(account, region, Ec2Api.NAME, resource.id, arnOf(resource));
            } else {
                resource.tags.attach(registry, account, region, Ec2Api.NAME, resource.id, arnOf(resource));
            }
        }
        return resource;
    }

    public <T extends Resource> void remove(Map<String, T> family, String id) {
        T resource = family.remove(id);
        if (resource != null) {
            forget(resource);
        }
    }

    /**
     * Makes a deleted resource untaggable while its family may still describe it (in state
     * {@code deleted}): it leaves the registry, keeping a snapshot of its last tags.
     */
    public void forget(Resource resource) {
        if (resource instanceof SecurityGroup g) {
            g.rules.forEach(this::forgetRule);
        }
        if (resource.tags.attachedTo(arnOf(resource))) {
            resource.tags.detach();
        } else {
            registry.unregister(account, region, Ec2Api.NAME, resource.id);
        }
    }

    /** Registers rules just added to a group (with the tags of their TagSpecifications). */
    public void registerRules(java.util.Collection<SecurityGroupRule> rules) {
        for (SecurityGroupRule rule : rules) {
            if (!rule.tags.attached()) {
                rule.tags.attach(registry, account, region, SecurityGroupRule.RESOURCE_TYPE, rule.id);
            }
        }
    }

    /** Unregisters a rule removed from its group. */
    public void forgetRule(SecurityGroupRule rule) {
        rule.tags.detach();
    }

    /** Whether this store's account has the resource in core's registry (a deleted one still described has not). */
    public boolean registered(Resource resource) {
        return registry.byId(account, region, Ec2Api.NAME, resource.id).isPresent();
    }

    /** The resource's ARN in this store's account and region. */
    public Arn arnOf(Resource resource) {
        if (resource.global()) {
            return Arn.of(io.gureum.core.topology.Topology.standard().partitionOf(region).id(), Ec2Api.NAME, "",
                    account, resource.resourceType() + "/" + resource.id);
        }
        return Ec2Arns.of(region, account, resource.resourceType(), resource.id);
    }

    /** The tags this store's account sees on the resource (each side of a shared resource has its own). */
    public Map<String, String> tagsOf(Resource resource) {
        Arn arn = arnOf(resource);
        if (resource.tags.attachedTo(arn)) {
            return resource.tags;
        }
        return registry.byArn(arn).map(r -> r.tags()).orElse(Map.of());
    }
}
