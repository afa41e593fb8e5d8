package io.gureum.cloudformation.resource.ec2;

import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code AWS::EC2::TransitGatewayRouteTablePropagation}: an attachment's routes propagated to a route table. */
public final class TransitGatewayRouteTablePropagationHandler extends TransitGatewayRouteTableLinkHandler {
    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayRouteTablePropagation";
    }

    @Override
    void link(Ec2Client ec2, String table, String attachment) {
        ec2.enableTransitGatewayRouteTablePropagation(b -> b.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(attachment));
    }

    @Override
    void unlink(Ec2Client ec2, String table, String attachment) {
        ec2.disableTransitGatewayRouteTablePropagation(b -> b.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(attachment));
    }
}
