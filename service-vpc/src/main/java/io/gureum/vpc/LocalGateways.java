package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVpcAssociationRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayRouteTableVpcAssociationResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.CreateLocalGatewayVirtualInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVpcAssociationRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayRouteTableVpcAssociationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLocalGatewayVirtualInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVpcAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTableVpcAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfaceGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfaceGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewayVirtualInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLocalGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ModifyLocalGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLocalGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.SearchLocalGatewayRoutesRequest;
import software.amazon.awssdk.services.ec2.model.SearchLocalGatewayRoutesResponse;

/**
 * Local gateways (https://docs.aws.amazon.com/outposts/latest/userguide/outposts-local-gateways.html) exist
 * only on AWS Outposts, and Gureum's accounts have no Outpost: every account is one without Outposts. The
 * Describe operations answer empty lists (an ID asked for is not found), and every operation on a local gateway,
 * route table, virtual interface (group) or association answers the NotFound error of the ID it names, as AWS
 * does for an ID that does not exist. The request is checked first (required parameters, filter names,
 * MaxResults), then the ID; DryRun comes after the ID, so it never answers {@code DryRunOperation}.
 */
public final class LocalGateways {
    private static final String GATEWAY = "InvalidLocalGatewayID.NotFound";
    private static final String ROUTE_TABLE = "InvalidLocalGatewayRouteTableID.NotFound";
    private static final String VPC_ASSOCIATION = "InvalidLocalGatewayRouteTableVpcAssociationID.NotFound";
    private static final String VIF_GROUP_ASSOCIATION =
            "InvalidLocalGatewayRouteTableVirtualInterfaceGroupAssociationID.NotFound";
    private static final String VIF_GROUP = "InvalidLocalGatewayVirtualInterfaceGroupID.NotFound";
    private static final String VIF = "InvalidLocalGatewayVirtualInterfaceID.NotFound";

    private final Network net;

    LocalGateways(Network net) {
        this.net = net;
    }

    private static AwsException notFound(String code, String noun, String id) {
        return new AwsException(code, "The " + noun + " ID '" + id + "' does not exist", 400);
    }

    private static <T> T required(T value, String parameter) {
        if (value == null) {
            throw Ec2Errors.missing(parameter);
        }
        return value;
    }

    /** Checks filter names and MaxResults as a Describe over resources would, then the IDs asked for. */
    private static Pagination.Page<Object> none(List<String> ids, List<Filter> filters, Integer maxResults,
            String nextToken, int max, String code, String noun, String... filterNames) {
        Ec2Filters<Object> known = new Ec2Filters<>(x -> java.util.Map.of());
        for (String name : filterNames) {
            known.on(name, x -> null);
        }
        known.predicate(filters);
        var page = Pagination.page(List.of(), maxResults, nextToken, 5, max);
        if (ids != null && !ids.isEmpty()) {
            throw notFound(code, noun, ids.get(0));
        }
        return page;
    }

    public DescribeLocalGatewaysResponse describeLocalGateways(DescribeLocalGatewaysRequest r) {
        none(r.localGatewayIds(), r.filters(), r.maxResults(), r.nextToken(), 1000, GATEWAY, "local gateway",
                "local-gateway-id", "outpost-arn", "owner-id", "state");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewaysResponse.builder().localGateways(List.of()).build();
    }

    public DescribeLocalGatewayRouteTablesResponse describeLocalGatewayRouteTables(
            DescribeLocalGatewayRouteTablesRequest r) {
        none(r.localGatewayRouteTableIds(), r.filters(), r.maxResults(), r.nextToken(), 1000, ROUTE_TABLE,
                "local gateway route table", "local-gateway-id", "local-gateway-route-table-arn",
                "local-gateway-route-table-id", "outpost-arn", "owner-id", "state");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewayRouteTablesResponse.builder().localGatewayRouteTables(List.of()).build();
    }

    public DescribeLocalGatewayRouteTableVpcAssociationsResponse describeLocalGatewayRouteTableVpcAssociations(
            DescribeLocalGatewayRouteTableVpcAssociationsRequest r) {
        none(r.localGatewayRouteTableVpcAssociationIds(), r.filters(), r.maxResults(), r.nextToken(), 1000,
                VPC_ASSOCIATION, "local gateway route table VPC association", "local-gateway-id",
                "local-gateway-route-table-arn", "local-gateway-route-table-id",
                "local-gateway-route-table-vpc-association-id", "owner-id", "state", "vpc-id");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewayRouteTableVpcAssociationsResponse.builder()
                .localGatewayRouteTableVpcAssociations(List.of()).build();
    }

    public DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse
            describeLocalGatewayRouteTableVirtualInterfaceGroupAssociations(
                    DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsRequest r) {
        none(r.localGatewayRouteTableVirtualInterfaceGroupAssociationIds(), r.filters(), r.maxResults(),
                r.nextToken(), 1000, VIF_GROUP_ASSOCIATION,
                "local gateway route table virtual interface group association", "local-gateway-id",
                "local-gateway-route-table-arn", "local-gateway-route-table-id",
                "local-gateway-route-table-virtual-interface-group-association-id",
                "local-gateway-route-table-virtual-interface-group-id", "owner-id", "state");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociationsResponse.builder()
                .localGatewayRouteTableVirtualInterfaceGroupAssociations(List.of()).build();
    }

    public DescribeLocalGatewayVirtualInterfaceGroupsResponse describeLocalGatewayVirtualInterfaceGroups(
            DescribeLocalGatewayVirtualInterfaceGroupsRequest r) {
        none(r.localGatewayVirtualInterfaceGroupIds(), r.filters(), r.maxResults(), r.nextToken(), 1000, VIF_GROUP,
                "local gateway virtual interface group", "local-gateway-id",
                "local-gateway-virtual-interface-group-id", "local-gateway-virtual-interface-id", "owner-id");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewayVirtualInterfaceGroupsResponse.builder()
                .localGatewayVirtualInterfaceGroups(List.of()).build();
    }

    public DescribeLocalGatewayVirtualInterfacesResponse describeLocalGatewayVirtualInterfaces(
            DescribeLocalGatewayVirtualInterfacesRequest r) {
        none(r.localGatewayVirtualInterfaceIds(), r.filters(), r.maxResults(), r.nextToken(), 1000, VIF,
                "local gateway virtual interface", "local-address", "local-bgp-asn", "local-gateway-id",
                "local-gateway-virtual-interface-id", "owner-id", "peer-address", "peer-bgp-asn", "vlan");
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeLocalGatewayVirtualInterfacesResponse.builder().localGatewayVirtualInterfaces(List.of())
                .build();
    }

    public SearchLocalGatewayRoutesResponse searchLocalGatewayRoutes(SearchLocalGatewayRoutesRequest r) {
        throw notFound(ROUTE_TABLE, "local gateway route table",
                required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
    }

    public CreateLocalGatewayRouteTableResponse createLocalGatewayRouteTable(CreateLocalGatewayRouteTableRequest r) {
        throw notFound(GATEWAY, "local gateway", required(r.localGatewayId(), "LocalGatewayId"));
    }

    public DeleteLocalGatewayRouteTableResponse deleteLocalGatewayRouteTable(DeleteLocalGatewayRouteTableRequest r) {
        throw notFound(ROUTE_TABLE, "local gateway route table",
                required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
    }

    public CreateLocalGatewayRouteResponse createLocalGatewayRoute(CreateLocalGatewayRouteRequest r) {
        throw notFound(ROUTE_TABLE, "local gateway route table",
                required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
    }

    public ModifyLocalGatewayRouteResponse modifyLocalGatewayRoute(ModifyLocalGatewayRouteRequest r) {
        throw notFound(ROUTE_TABLE, "local gateway route table",
                required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
    }

    public DeleteLocalGatewayRouteResponse deleteLocalGatewayRoute(DeleteLocalGatewayRouteRequest r) {
        throw notFound(ROUTE_TABLE, "local gateway route table",
                required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId"));
    }

    public CreateLocalGatewayRouteTableVpcAssociationResponse createLocalGatewayRouteTableVpcAssociation(
            CreateLocalGatewayRouteTableVpcAssociationRequest r) {
        String table = required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
        required(r.vpcId(), "VpcId");
        throw notFound(ROUTE_TABLE, "local gateway route table", table);
    }

    public DeleteLocalGatewayRouteTableVpcAssociationResponse deleteLocalGatewayRouteTableVpcAssociation(
            DeleteLocalGatewayRouteTableVpcAssociationRequest r) {
        throw notFound(VPC_ASSOCIATION, "local gateway route table VPC association",
                required(r.localGatewayRouteTableVpcAssociationId(), "LocalGatewayRouteTableVpcAssociationId"));
    }

    public CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse
            createLocalGatewayRouteTableVirtualInterfaceGroupAssociation(
                    CreateLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest r) {
        String table = required(r.localGatewayRouteTableId(), "LocalGatewayRouteTableId");
        required(r.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId");
        throw notFound(ROUTE_TABLE, "local gateway route table", table);
    }

    public DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationResponse
            deleteLocalGatewayRouteTableVirtualInterfaceGroupAssociation(
                    DeleteLocalGatewayRouteTableVirtualInterfaceGroupAssociationRequest r) {
        throw notFound(VIF_GROUP_ASSOCIATION, "local gateway route table virtual interface group association",
                required(r.localGatewayRouteTableVirtualInterfaceGroupAssociationId(),
                        "LocalGatewayRouteTableVirtualInterfaceGroupAssociationId"));
    }

    public CreateLocalGatewayVirtualInterfaceGroupResponse createLocalGatewayVirtualInterfaceGroup(
            CreateLocalGatewayVirtualInterfaceGroupRequest r) {
        throw notFound(GATEWAY, "local gateway", required(r.localGatewayId(), "LocalGatewayId"));
    }

    public DeleteLocalGatewayVirtualInterfaceGroupResponse deleteLocalGatewayVirtualInterfaceGroup(
            DeleteLocalGatewayVirtualInterfaceGroupRequest r) {
        throw notFound(VIF_GROUP, "local gateway virtual interface group",
                required(r.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId"));
    }

    public CreateLocalGatewayVirtualInterfaceResponse createLocalGatewayVirtualInterface(
            CreateLocalGatewayVirtualInterfaceRequest r) {
        String group = required(r.localGatewayVirtualInterfaceGroupId(), "LocalGatewayVirtualInterfaceGroupId");
        required(r.outpostLagId(), "OutpostLagId");
        required(r.vlan(), "Vlan");
        required(r.localAddress(), "LocalAddress");
        required(r.peerAddress(), "PeerAddress");
        throw notFound(VIF_GROUP, "local gateway virtual interface group", group);
    }

    public DeleteLocalGatewayVirtualInterfaceResponse deleteLocalGatewayVirtualInterface(
            DeleteLocalGatewayVirtualInterfaceRequest r) {
        throw notFound(VIF, "local gateway virtual interface",
                required(r.localGatewayVirtualInterfaceId(), "LocalGatewayVirtualInterfaceId"));
    }
}
