package io.gureum.vpc;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.Subnet;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * The EC2 API's networking operations, as the SDK's {@code Ec2Client}: each method finds the caller's
 * store (account + region), holds its lock for the length of the call and delegates to the resource
 * family's class. Operations not overridden answer 501 NotImplemented.
 */
public class Ec2Handler implements Ec2Client {
    private final Network net;
    private final AccountRegionStore<VpcStore> stores;
    private final Object peeringLock = new Object();

    public Ec2Handler(ServiceContext context) {
        this.net = new Network(context);
        this.stores = new AccountRegionStore<>((account, region) -> {
            VpcStore s = new VpcStore(account, region);
            net.prefixLists.seed(s);
            // Every account has a default VPC in every region (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
            net.vpcs.createDefaultNetwork(s);
            return s;
        });
        net.stores(stores::get);
    }

    /** Runs {@code op} on the caller's store under its lock, after applying state changes that came due. */
    protected <T> T on(Function<VpcStore, T> op) {
        RequestContext ctx = RequestContext.current();
        VpcStore s = stores.get(ctx.accountId(), ctx.region());
        synchronized (s) {
            net.natGateways.settle(s);
            return op.apply(s);
        }
    }

    /**
     * For operations that may touch a second store (VPC peering): one at a time under a handler-wide
     * lock, so that holding two store locks can never deadlock.
     */
    protected <T> T onTwo(Function<VpcStore, T> op) {
        synchronized (peeringLock) {
            return on(op);
        }
    }

    /**
     * Longest-prefix-match routing for other modules: the route a packet from {@code subnetId} to the
     * IPv4 {@code address} takes, or empty when no route matches or the subnet does not exist.
     */
    public Optional<Route> routeFor(String account, String region, String subnetId, String address) {
        VpcStore s = stores.get(account, region);
        synchronized (s) {
            Subnet sn = s.subnets.get(subnetId);
            return sn == null ? Optional.empty() : net.routeTables.lookup(s, sn, address);
        }
    }

    /** Runs {@code op} on a store under its lock; for benchmarks and other modules. */
    public <T> T withStore(String account, String region, Function<VpcStore, T> op) {
        VpcStore s = stores.get(account, region);
        synchronized (s) {
            return op.apply(s);
        }
    }

    @Override
    public CreateVpcResponse createVpc(CreateVpcRequest r) {
        return on(s -> net.vpcs.createVpc(s, r));
    }

    @Override
    public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
        return on(s -> net.vpcs.describeVpcs(s, r));
    }

    @Override
    public DeleteVpcResponse deleteVpc(DeleteVpcRequest r) {
        return on(s -> net.vpcs.deleteVpc(s, r));
    }

    @Override
    public DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
        return on(s -> net.vpcs.describeVpcAttribute(s, r));
    }

    @Override
    public ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
        return on(s -> net.vpcs.modifyVpcAttribute(s, r));
    }

    @Override
    public ModifyVpcTenancyResponse modifyVpcTenancy(ModifyVpcTenancyRequest r) {
        return on(s -> net.vpcs.modifyVpcTenancy(s, r));
    }

    @Override
    public AssociateVpcCidrBlockResponse associateVpcCidrBlock(AssociateVpcCidrBlockRequest r) {
        return on(s -> net.vpcs.associateVpcCidrBlock(s, r));
    }

    @Override
    public DisassociateVpcCidrBlockResponse disassociateVpcCidrBlock(DisassociateVpcCidrBlockRequest r) {
        return on(s -> net.vpcs.disassociateVpcCidrBlock(s, r));
    }

    @Override
    public CreateDefaultVpcResponse createDefaultVpc(CreateDefaultVpcRequest r) {
        return on(s -> net.vpcs.createDefaultVpc(s, r));
    }

    @Override
    public CreateSubnetResponse createSubnet(CreateSubnetRequest r) {
        return on(s -> net.subnets.createSubnet(s, r));
    }

    @Override
    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
        return on(s -> net.subnets.describeSubnets(s, r));
    }

    @Override
    public DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) {
        return on(s -> net.subnets.deleteSubnet(s, r));
    }

    @Override
    public ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
        return on(s -> net.subnets.modifySubnetAttribute(s, r));
    }

    @Override
    public AssociateSubnetCidrBlockResponse associateSubnetCidrBlock(AssociateSubnetCidrBlockRequest r) {
        return on(s -> net.subnets.associateSubnetCidrBlock(s, r));
    }

    @Override
    public DisassociateSubnetCidrBlockResponse disassociateSubnetCidrBlock(DisassociateSubnetCidrBlockRequest r) {
        return on(s -> net.subnets.disassociateSubnetCidrBlock(s, r));
    }

    @Override
    public CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
        return on(s -> net.internetGateways.createInternetGateway(s, r));
    }

    @Override
    public AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
        return on(s -> net.internetGateways.attachInternetGateway(s, r));
    }

    @Override
    public DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
        return on(s -> net.internetGateways.detachInternetGateway(s, r));
    }

    @Override
    public DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
        return on(s -> net.internetGateways.deleteInternetGateway(s, r));
    }

    @Override
    public DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
        return on(s -> net.internetGateways.describeInternetGateways(s, r));
    }

    @Override
    public CreateRouteTableResponse createRouteTable(CreateRouteTableRequest r) {
        return on(s -> net.routeTables.createRouteTable(s, r));
    }

    @Override
    public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest r) {
        return on(s -> net.routeTables.describeRouteTables(s, r));
    }

    @Override
    public DeleteRouteTableResponse deleteRouteTable(DeleteRouteTableRequest r) {
        return on(s -> net.routeTables.deleteRouteTable(s, r));
    }

    @Override
    public AssociateRouteTableResponse associateRouteTable(AssociateRouteTableRequest r) {
        return on(s -> net.routeTables.associateRouteTable(s, r));
    }

    @Override
    public DisassociateRouteTableResponse disassociateRouteTable(DisassociateRouteTableRequest r) {
        return on(s -> net.routeTables.disassociateRouteTable(s, r));
    }

    @Override
    public ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(ReplaceRouteTableAssociationRequest r) {
        return on(s -> net.routeTables.replaceRouteTableAssociation(s, r));
    }

    @Override
    public CreateRouteResponse createRoute(CreateRouteRequest r) {
        return on(s -> net.routeTables.createRoute(s, r));
    }

    @Override
    public ReplaceRouteResponse replaceRoute(ReplaceRouteRequest r) {
        return on(s -> net.routeTables.replaceRoute(s, r));
    }

    @Override
    public DeleteRouteResponse deleteRoute(DeleteRouteRequest r) {
        return on(s -> net.routeTables.deleteRoute(s, r));
    }

    @Override
    public AllocateAddressResponse allocateAddress(AllocateAddressRequest r) {
        return on(s -> net.addresses.allocateAddress(s, r));
    }

    @Override
    public AssociateAddressResponse associateAddress(AssociateAddressRequest r) {
        return on(s -> net.addresses.associateAddress(s, r));
    }

    @Override
    public DisassociateAddressResponse disassociateAddress(DisassociateAddressRequest r) {
        return on(s -> net.addresses.disassociateAddress(s, r));
    }

    @Override
    public ReleaseAddressResponse releaseAddress(ReleaseAddressRequest r) {
        return on(s -> net.addresses.releaseAddress(s, r));
    }

    @Override
    public DescribeAddressesResponse describeAddresses(DescribeAddressesRequest r) {
        return on(s -> net.addresses.describeAddresses(s, r));
    }

    @Override
    public CreateNatGatewayResponse createNatGateway(CreateNatGatewayRequest r) {
        return on(s -> net.natGateways.createNatGateway(s, r));
    }

    @Override
    public DeleteNatGatewayResponse deleteNatGateway(DeleteNatGatewayRequest r) {
        return on(s -> net.natGateways.deleteNatGateway(s, r));
    }

    @Override
    public DescribeNatGatewaysResponse describeNatGateways(DescribeNatGatewaysRequest r) {
        return on(s -> net.natGateways.describeNatGateways(s, r));
    }

    @Override
    public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
        return on(s -> net.securityGroups.createSecurityGroup(s, r));
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        return on(s -> net.securityGroups.describeSecurityGroups(s, r));
    }

    @Override
    public DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
        return on(s -> net.securityGroups.deleteSecurityGroup(s, r));
    }

    @Override
    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
        return on(s -> net.securityGroups.authorizeSecurityGroupIngress(s, r));
    }

    @Override
    public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(AuthorizeSecurityGroupEgressRequest r) {
        return on(s -> net.securityGroups.authorizeSecurityGroupEgress(s, r));
    }

    @Override
    public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest r) {
        return on(s -> net.securityGroups.revokeSecurityGroupIngress(s, r));
    }

    @Override
    public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(RevokeSecurityGroupEgressRequest r) {
        return on(s -> net.securityGroups.revokeSecurityGroupEgress(s, r));
    }

    @Override
    public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(DescribeSecurityGroupRulesRequest r) {
        return on(s -> net.securityGroups.describeSecurityGroupRules(s, r));
    }

    @Override
    public CreateNetworkAclResponse createNetworkAcl(CreateNetworkAclRequest r) {
        return on(s -> net.networkAcls.createNetworkAcl(s, r));
    }

    @Override
    public DescribeNetworkAclsResponse describeNetworkAcls(DescribeNetworkAclsRequest r) {
        return on(s -> net.networkAcls.describeNetworkAcls(s, r));
    }

    @Override
    public DeleteNetworkAclResponse deleteNetworkAcl(DeleteNetworkAclRequest r) {
        return on(s -> net.networkAcls.deleteNetworkAcl(s, r));
    }

    @Override
    public CreateNetworkAclEntryResponse createNetworkAclEntry(CreateNetworkAclEntryRequest r) {
        return on(s -> net.networkAcls.createNetworkAclEntry(s, r));
    }

    @Override
    public ReplaceNetworkAclEntryResponse replaceNetworkAclEntry(ReplaceNetworkAclEntryRequest r) {
        return on(s -> net.networkAcls.replaceNetworkAclEntry(s, r));
    }

    @Override
    public DeleteNetworkAclEntryResponse deleteNetworkAclEntry(DeleteNetworkAclEntryRequest r) {
        return on(s -> net.networkAcls.deleteNetworkAclEntry(s, r));
    }

    @Override
    public ReplaceNetworkAclAssociationResponse replaceNetworkAclAssociation(ReplaceNetworkAclAssociationRequest r) {
        return on(s -> net.networkAcls.replaceNetworkAclAssociation(s, r));
    }

    @Override
    public CreateNetworkInterfaceResponse createNetworkInterface(CreateNetworkInterfaceRequest r) {
        return on(s -> net.networkInterfaces.createNetworkInterface(s, r));
    }

    @Override
    public DeleteNetworkInterfaceResponse deleteNetworkInterface(DeleteNetworkInterfaceRequest r) {
        return on(s -> net.networkInterfaces.deleteNetworkInterface(s, r));
    }

    @Override
    public AttachNetworkInterfaceResponse attachNetworkInterface(AttachNetworkInterfaceRequest r) {
        return on(s -> net.networkInterfaces.attachNetworkInterface(s, r));
    }

    @Override
    public DetachNetworkInterfaceResponse detachNetworkInterface(DetachNetworkInterfaceRequest r) {
        return on(s -> net.networkInterfaces.detachNetworkInterface(s, r));
    }

    @Override
    public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(ModifyNetworkInterfaceAttributeRequest r) {
        return on(s -> net.networkInterfaces.modifyNetworkInterfaceAttribute(s, r));
    }

    @Override
    public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest r) {
        return on(s -> net.networkInterfaces.describeNetworkInterfaces(s, r));
    }

    @Override
    public DescribePrefixListsResponse describePrefixLists(DescribePrefixListsRequest r) {
        return on(s -> net.prefixLists.describePrefixLists(s, r));
    }

    @Override
    public DescribeManagedPrefixListsResponse describeManagedPrefixLists(DescribeManagedPrefixListsRequest r) {
        return on(s -> net.prefixLists.describeManagedPrefixLists(s, r));
    }

    @Override
    public GetManagedPrefixListEntriesResponse getManagedPrefixListEntries(GetManagedPrefixListEntriesRequest r) {
        return on(s -> net.prefixLists.getManagedPrefixListEntries(s, r));
    }

    @Override
    public CreateManagedPrefixListResponse createManagedPrefixList(CreateManagedPrefixListRequest r) {
        return on(s -> net.prefixLists.createManagedPrefixList(s, r));
    }

    @Override
    public ModifyManagedPrefixListResponse modifyManagedPrefixList(ModifyManagedPrefixListRequest r) {
        return on(s -> net.prefixLists.modifyManagedPrefixList(s, r));
    }

    @Override
    public DeleteManagedPrefixListResponse deleteManagedPrefixList(DeleteManagedPrefixListRequest r) {
        return on(s -> net.prefixLists.deleteManagedPrefixList(s, r));
    }

    @Override
    public CreateVpcEndpointResponse createVpcEndpoint(CreateVpcEndpointRequest r) {
        return on(s -> net.vpcEndpoints.createVpcEndpoint(s, r));
    }

    @Override
    public ModifyVpcEndpointResponse modifyVpcEndpoint(ModifyVpcEndpointRequest r) {
        return on(s -> net.vpcEndpoints.modifyVpcEndpoint(s, r));
    }

    @Override
    public DeleteVpcEndpointsResponse deleteVpcEndpoints(DeleteVpcEndpointsRequest r) {
        return on(s -> net.vpcEndpoints.deleteVpcEndpoints(s, r));
    }

    @Override
    public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest r) {
        return on(s -> net.vpcEndpoints.describeVpcEndpoints(s, r));
    }

    @Override
    public DescribeVpcEndpointServicesResponse describeVpcEndpointServices(DescribeVpcEndpointServicesRequest r) {
        return on(s -> net.vpcEndpoints.describeVpcEndpointServices(s, r));
    }

    @Override
    public CreateTagsResponse createTags(CreateTagsRequest r) {
        return on(s -> net.tags.createTags(s, r));
    }

    @Override
    public DeleteTagsResponse deleteTags(DeleteTagsRequest r) {
        return on(s -> net.tags.deleteTags(s, r));
    }

    @Override
    public DescribeTagsResponse describeTags(DescribeTagsRequest r) {
        return on(s -> net.tags.describeTags(s, r));
    }

    @Override
    public CreateVpcPeeringConnectionResponse createVpcPeeringConnection(CreateVpcPeeringConnectionRequest r) {
        return onTwo(s -> net.peering.create(s, r));
    }

    @Override
    public AcceptVpcPeeringConnectionResponse acceptVpcPeeringConnection(AcceptVpcPeeringConnectionRequest r) {
        return onTwo(s -> net.peering.accept(s, r));
    }

    @Override
    public RejectVpcPeeringConnectionResponse rejectVpcPeeringConnection(RejectVpcPeeringConnectionRequest r) {
        return onTwo(s -> net.peering.reject(s, r));
    }

    @Override
    public DeleteVpcPeeringConnectionResponse deleteVpcPeeringConnection(DeleteVpcPeeringConnectionRequest r) {
        return onTwo(s -> net.peering.delete(s, r));
    }

    @Override
    public DescribeVpcPeeringConnectionsResponse describeVpcPeeringConnections(DescribeVpcPeeringConnectionsRequest r) {
        return onTwo(s -> net.peering.describe(s, r));
    }

    @Override
    public CreateTransitGatewayResponse createTransitGateway(CreateTransitGatewayRequest r) {
        return on(s -> net.transitGateways.createTransitGateway(s, r));
    }

    @Override
    public DescribeTransitGatewaysResponse describeTransitGateways(DescribeTransitGatewaysRequest r) {
        return on(s -> net.transitGateways.describeTransitGateways(s, r));
    }

    @Override
    public DeleteTransitGatewayResponse deleteTransitGateway(DeleteTransitGatewayRequest r) {
        return on(s -> net.transitGateways.deleteTransitGateway(s, r));
    }

    @Override
    public CreateTransitGatewayVpcAttachmentResponse createTransitGatewayVpcAttachment(CreateTransitGatewayVpcAttachmentRequest r) {
        return on(s -> net.transitGateways.createTransitGatewayVpcAttachment(s, r));
    }

    @Override
    public DescribeTransitGatewayVpcAttachmentsResponse describeTransitGatewayVpcAttachments(DescribeTransitGatewayVpcAttachmentsRequest r) {
        return on(s -> net.transitGateways.describeTransitGatewayVpcAttachments(s, r));
    }

    @Override
    public DescribeTransitGatewayAttachmentsResponse describeTransitGatewayAttachments(DescribeTransitGatewayAttachmentsRequest r) {
        return on(s -> net.transitGateways.describeTransitGatewayAttachments(s, r));
    }

    @Override
    public DeleteTransitGatewayVpcAttachmentResponse deleteTransitGatewayVpcAttachment(DeleteTransitGatewayVpcAttachmentRequest r) {
        return on(s -> net.transitGateways.deleteTransitGatewayVpcAttachment(s, r));
    }

    @Override
    public CreateTransitGatewayRouteTableResponse createTransitGatewayRouteTable(CreateTransitGatewayRouteTableRequest r) {
        return on(s -> net.transitGateways.createTransitGatewayRouteTable(s, r));
    }

    @Override
    public DescribeTransitGatewayRouteTablesResponse describeTransitGatewayRouteTables(DescribeTransitGatewayRouteTablesRequest r) {
        return on(s -> net.transitGateways.describeTransitGatewayRouteTables(s, r));
    }

    @Override
    public DeleteTransitGatewayRouteTableResponse deleteTransitGatewayRouteTable(DeleteTransitGatewayRouteTableRequest r) {
        return on(s -> net.transitGateways.deleteTransitGatewayRouteTable(s, r));
    }

    @Override
    public AssociateTransitGatewayRouteTableResponse associateTransitGatewayRouteTable(AssociateTransitGatewayRouteTableRequest r) {
        return on(s -> net.transitGateways.associateTransitGatewayRouteTable(s, r));
    }

    @Override
    public DisassociateTransitGatewayRouteTableResponse disassociateTransitGatewayRouteTable(DisassociateTransitGatewayRouteTableRequest r) {
        return on(s -> net.transitGateways.disassociateTransitGatewayRouteTable(s, r));
    }

    @Override
    public EnableTransitGatewayRouteTablePropagationResponse enableTransitGatewayRouteTablePropagation(EnableTransitGatewayRouteTablePropagationRequest r) {
        return on(s -> net.transitGateways.enableTransitGatewayRouteTablePropagation(s, r));
    }

    @Override
    public DisableTransitGatewayRouteTablePropagationResponse disableTransitGatewayRouteTablePropagation(DisableTransitGatewayRouteTablePropagationRequest r) {
        return on(s -> net.transitGateways.disableTransitGatewayRouteTablePropagation(s, r));
    }

    @Override
    public GetTransitGatewayRouteTableAssociationsResponse getTransitGatewayRouteTableAssociations(GetTransitGatewayRouteTableAssociationsRequest r) {
        return on(s -> net.transitGateways.getTransitGatewayRouteTableAssociations(s, r));
    }

    @Override
    public GetTransitGatewayRouteTablePropagationsResponse getTransitGatewayRouteTablePropagations(GetTransitGatewayRouteTablePropagationsRequest r) {
        return on(s -> net.transitGateways.getTransitGatewayRouteTablePropagations(s, r));
    }

    @Override
    public CreateTransitGatewayRouteResponse createTransitGatewayRoute(CreateTransitGatewayRouteRequest r) {
        return on(s -> net.transitGateways.createTransitGatewayRoute(s, r));
    }

    @Override
    public DeleteTransitGatewayRouteResponse deleteTransitGatewayRoute(DeleteTransitGatewayRouteRequest r) {
        return on(s -> net.transitGateways.deleteTransitGatewayRoute(s, r));
    }

    @Override
    public SearchTransitGatewayRoutesResponse searchTransitGatewayRoutes(SearchTransitGatewayRoutesRequest r) {
        return on(s -> net.transitGateways.searchTransitGatewayRoutes(s, r));
    }

    @Override
    public CreateCustomerGatewayResponse createCustomerGateway(CreateCustomerGatewayRequest r) {
        return on(s -> net.vpnGateways.createCustomerGateway(s, r));
    }

    @Override
    public DescribeCustomerGatewaysResponse describeCustomerGateways(DescribeCustomerGatewaysRequest r) {
        return on(s -> net.vpnGateways.describeCustomerGateways(s, r));
    }

    @Override
    public DeleteCustomerGatewayResponse deleteCustomerGateway(DeleteCustomerGatewayRequest r) {
        return on(s -> net.vpnGateways.deleteCustomerGateway(s, r));
    }

    @Override
    public CreateVpnGatewayResponse createVpnGateway(CreateVpnGatewayRequest r) {
        return on(s -> net.vpnGateways.createVpnGateway(s, r));
    }

    @Override
    public DescribeVpnGatewaysResponse describeVpnGateways(DescribeVpnGatewaysRequest r) {
        return on(s -> net.vpnGateways.describeVpnGateways(s, r));
    }

    @Override
    public AttachVpnGatewayResponse attachVpnGateway(AttachVpnGatewayRequest r) {
        return on(s -> net.vpnGateways.attachVpnGateway(s, r));
    }

    @Override
    public DetachVpnGatewayResponse detachVpnGateway(DetachVpnGatewayRequest r) {
        return on(s -> net.vpnGateways.detachVpnGateway(s, r));
    }

    @Override
    public DeleteVpnGatewayResponse deleteVpnGateway(DeleteVpnGatewayRequest r) {
        return on(s -> net.vpnGateways.deleteVpnGateway(s, r));
    }

    @Override
    public EnableVgwRoutePropagationResponse enableVgwRoutePropagation(EnableVgwRoutePropagationRequest r) {
        return on(s -> net.vpnGateways.enableVgwRoutePropagation(s, r));
    }

    @Override
    public DisableVgwRoutePropagationResponse disableVgwRoutePropagation(DisableVgwRoutePropagationRequest r) {
        return on(s -> net.vpnGateways.disableVgwRoutePropagation(s, r));
    }

    @Override
    public ModifySecurityGroupRulesResponse modifySecurityGroupRules(ModifySecurityGroupRulesRequest r) {
        return on(s -> net.securityGroups.modifySecurityGroupRules(s, r));
    }

    @Override
    public DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest r) {
        return on(s -> net.availabilityZones.describeAvailabilityZones(s, r));
    }

    @Override
    public UpdateSecurityGroupRuleDescriptionsIngressResponse updateSecurityGroupRuleDescriptionsIngress(UpdateSecurityGroupRuleDescriptionsIngressRequest r) {
        return on(s -> net.securityGroups.updateSecurityGroupRuleDescriptionsIngress(s, r));
    }

    @Override
    public UpdateSecurityGroupRuleDescriptionsEgressResponse updateSecurityGroupRuleDescriptionsEgress(UpdateSecurityGroupRuleDescriptionsEgressRequest r) {
        return on(s -> net.securityGroups.updateSecurityGroupRuleDescriptionsEgress(s, r));
    }

    @Override
    public AssignPrivateIpAddressesResponse assignPrivateIpAddresses(AssignPrivateIpAddressesRequest r) {
        return on(s -> net.networkInterfaces.assignPrivateIpAddresses(s, r));
    }

    @Override
    public UnassignPrivateIpAddressesResponse unassignPrivateIpAddresses(UnassignPrivateIpAddressesRequest r) {
        return on(s -> net.networkInterfaces.unassignPrivateIpAddresses(s, r));
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // no resources
    }
}
