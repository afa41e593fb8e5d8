package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;

/**
 * {@code AWS::EC2::Route}. {@code Ref} is the route's id, {@code <RouteTableId>|<destination>} (the
 * resource's primary identifier); {@code Fn::GetAtt} gives {@code CidrBlock}. The route table and the
 * destination replace the route; a new target replaces it in place with ReplaceRoute.
 */
public final class RouteHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "CarrierGatewayId", "CoreNetworkArn", "DestinationCidrBlock", "DestinationIpv6CidrBlock",
            "DestinationPrefixListId", "EgressOnlyInternetGatewayId", "GatewayId", "InstanceId", "LocalGatewayId",
            "NatGatewayId", "NetworkInterfaceId", "RouteTableId", "TransitGatewayId", "VpcEndpointId",
            "VpcPeeringConnectionId");

    @Override
    public String type() {
        return "AWS::EC2::Route";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RouteTableId", "DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.requiredText("RouteTableId");
        CreateRouteRequest.Builder b = CreateRouteRequest.builder().routeTableId(table)
                .destinationCidrBlock(r.text("DestinationCidrBlock"))
                .destinationIpv6CidrBlock(r.text("DestinationIpv6CidrBlock"))
                .destinationPrefixListId(r.text("DestinationPrefixListId"))
                .gatewayId(r.text("GatewayId")).natGatewayId(r.text("NatGatewayId"))
                .instanceId(r.text("InstanceId")).networkInterfaceId(r.text("NetworkInterfaceId"))
                .transitGatewayId(r.text("TransitGatewayId")).vpcPeeringConnectionId(r.text("VpcPeeringConnectionId"))
                .vpcEndpointId(r.text("VpcEndpointId")).egressOnlyInternetGatewayId(r.text("EgressOnlyInternetGatewayId"))
                .carrierGatewayId(r.text("CarrierGatewayId")).localGatewayId(r.text("LocalGatewayId"))
                .coreNetworkArn(r.text("CoreNetworkArn"));
        ec2(r).createRoute(b.build());
        return result(r, table);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.text("RouteTableId");
        ec2(r).replaceRoute(ReplaceRouteRequest.builder().routeTableId(table)
                .destinationCidrBlock(r.text("DestinationCidrBlock"))
                .destinationIpv6CidrBlock(r.text("DestinationIpv6CidrBlock"))
                .destinationPrefixListId(r.text("DestinationPrefixListId"))
                .gatewayId(r.text("GatewayId")).natGatewayId(r.text("NatGatewayId"))
                .instanceId(r.text("InstanceId")).networkInterfaceId(r.text("NetworkInterfaceId"))
                .transitGatewayId(r.text("TransitGatewayId")).vpcPeeringConnectionId(r.text("VpcPeeringConnectionId"))
                .vpcEndpointId(r.text("VpcEndpointId")).egressOnlyInternetGatewayId(r.text("EgressOnlyInternetGatewayId"))
                .carrierGatewayId(r.text("CarrierGatewayId")).localGatewayId(r.text("LocalGatewayId"))
                .coreNetworkArn(r.text("CoreNetworkArn")).build());
        return result(r, table);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteRoute(b -> b.routeTableId(r.text("RouteTableId"))
                .destinationCidrBlock(r.text("DestinationCidrBlock"))
                .destinationIpv6CidrBlock(r.text("DestinationIpv6CidrBlock"))
                .destinationPrefixListId(r.text("DestinationPrefixListId"))));
    }

    private static Created result(ResourceRequest r, String table) {
        String destination = r.text("DestinationCidrBlock");
        if (destination == null) {
            destination = r.text("DestinationIpv6CidrBlock");
        }
        if (destination == null) {
            destination = r.text("DestinationPrefixListId");
        }
        if (destination == null) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #: only 1 subschema matches out of 2");
        }
        return Created.of(table + "|" + destination).attribute("CidrBlock", r.text("DestinationCidrBlock"));
    }
}
