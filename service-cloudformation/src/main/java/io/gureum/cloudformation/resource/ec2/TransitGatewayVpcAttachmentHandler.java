package io.gureum.cloudformation.resource.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Set;

/**
 * {@code AWS::EC2::TransitGatewayVpcAttachment}: AWS's newer type for what {@code AWS::EC2::TransitGatewayAttachment}
 * makes (CreateTransitGatewayVpcAttachment), with the same properties, {@code Ref} (the attachment id) and
 * {@code Fn::GetAtt Id}. Unlike the older type, its {@code SubnetIds} are create-only (a change replaces the
 * attachment, with {@code TransitGatewayId} and {@code VpcId}); subnets are changed in place with
 * {@code AddSubnetIds}/{@code RemoveSubnetIds} and options with {@code Options}, which AWS applies with
 * ModifyTransitGatewayVpcAttachment. Gureum's EC2 does not emulate that call, so those properties, and a change of
 * options, fail the resource naming them, as for {@link TransitGatewayAttachmentHandler}, which this handler uses.
 */
public final class TransitGatewayVpcAttachmentHandler implements ResourceHandler {
    private final TransitGatewayAttachmentHandler attachment = new TransitGatewayAttachmentHandler();

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayVpcAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId", "VpcId", "SubnetIds");
    }

    @Override
    public Created create(ResourceRequest r) {
        return attachment.create(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return attachment.update(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        attachment.delete(r);
    }
}
