package io.gureum.vpc;

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

    VpcStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    public <T extends Resource> T put(Map<String, T> family, T resource) {
        family.put(resource.id, resource);
        byId.put(resource.id, resource);
        return resource;
    }

    public <T extends Resource> void remove(Map<String, T> family, String id) {
        family.remove(id);
        byId.remove(id);
    }
}
