package io.gureum.vpc;

import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2common.Ec2Api;
import io.gureum.ec2common.Ec2Arns;
import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.CustomerGateway;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkAcl;
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
import java.util.HashMap;
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
    public final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    public final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public final Map<String, Address> addresses = new LinkedHashMap<>();
    public final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    public final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    public final Map<String, NetworkAcl> networkAcls = new LinkedHashMap<>();
    public final Map<String, VpcEndpoint> vpcEndpoints = new LinkedHashMap<>();
    public final Map<String, NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    public final Map<String, PrefixList> prefixLists = new LinkedHashMap<>();
    public final Map<String, VpcPeeringConnection> peerings = new LinkedHashMap<>();
    public final Map<String, TransitGateway> transitGateways = new LinkedHashMap<>();
    public final Map<String, TransitGatewayAttachment> tgwAttachments = new LinkedHashMap<>();
    public final Map<String, TransitGatewayRouteTable> tgwRouteTables = new LinkedHashMap<>();
    public final Map<String, CustomerGateway> customerGateways = new LinkedHashMap<>();
    public final Map<String, VpnGateway> vpnGateways = new LinkedHashMap<>();

    /** Every taggable resource by ID, for CreateTags/DeleteTags/DescribeTags. */
    public final Map<String, Resource> byId = new HashMap<>();

    private final ResourceRegistry registry;

    VpcStore(String account, String region, ResourceRegistry registry) {
        this.account = account;
        this.region = region;
        this.registry = registry;
    }

    /**
     * Stores a resource and registers it (with the tags of its create call) in core's resource registry,
     * which keeps its tags from then on. A resource two stores share (a peering connection across
     * accounts or regions) keeps its tags in the record of the store that created it; the other store
     * registers its own record with the creation tags.
     */
    public <T extends Resource> T put(Map<String, T> family, T resource) {
        family.put(resource.id, resource);
        byId.put(resource.id, resource);
        if (registry.byId(account, region, Ec2Api.NAME, resource.id).isEmpty()) {
            if (resource.tags.attached()) {
                registry.register(account, region, Ec2Api.NAME, resource.id,
                        Ec2Arns.of(region, account, resource.resourceType(), resource.id), resource.tags);
            } else {
                resource.tags.attach(registry, account, region, resource.resourceType(), resource.id);
            }
        }
        return resource;
    }

    public <T extends Resource> void remove(Map<String, T> family, String id) {
        T resource = family.remove(id);
        if (resource != null) {
            forget(resource);
        } else {
            byId.remove(id);
            registry.unregister(account, region, Ec2Api.NAME, id);
        }
    }

    /**
     * Makes a deleted resource untaggable while its family may still describe it (in state
     * {@code deleted}): it leaves the registry, keeping a snapshot of its last tags.
     */
    public void forget(Resource resource) {
        byId.remove(resource.id);
        if (resource.tags.attachedTo(Ec2Arns.of(region, account, resource.resourceType(), resource.id))) {
            resource.tags.detach();
        } else {
            registry.unregister(account, region, Ec2Api.NAME, resource.id);
        }
    }
}
