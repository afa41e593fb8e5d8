package io.gureum.cloudformation.resource.ec2;

/** {@code AWS::EC2::TransitGatewayMulticastGroupMember}: a network interface registered as a static group member. */
public final class TransitGatewayMulticastGroupMemberHandler extends TransitGatewayMulticastGroupHandler {
    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMulticastGroupMember";
    }

    @Override
    boolean source() {
        return false;
    }
}
