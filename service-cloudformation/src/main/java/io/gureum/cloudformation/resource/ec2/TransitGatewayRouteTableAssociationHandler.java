package io.gureum.cloudformation.resource.ec2;

import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code AWS::EC2::TransitGatewayRouteTableAssociation}: a transit gateway attachment associated with a route table. */
public final class TransitGatewayRouteTableAssociationHandler extends TransitGatewayRouteTableLinkHandler {
    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayRouteTableAssociation";
    }

    @Override
    void link(Ec2Client ec2, String table, String attachment) {
        ec2.associateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(attachment));
    }

    @Override
    void unlink(Ec2Client ec2, String table, String attachment) {
        ec2.disassociateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(attachment));
    }
}
