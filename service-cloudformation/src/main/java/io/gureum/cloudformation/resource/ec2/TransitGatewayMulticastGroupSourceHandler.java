package io.gureum.cloudformation.resource.ec2;

/** {@code AWS::EC2::TransitGatewayMulticastGroupSource}: a network interface registered as a static group source. */
public final class TransitGatewayMulticastGroupSourceHandler extends TransitGatewayMulticastGroupHandler {
    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMulticastGroupSource";
    }

    @Override
    boolean source() {
        return true;
    }
}
