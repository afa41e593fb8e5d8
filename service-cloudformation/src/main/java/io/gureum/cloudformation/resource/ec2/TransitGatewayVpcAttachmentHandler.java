package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::EC2::TransitGatewayVpcAttachment}: AWS's newer type for what {@code AWS::EC2::TransitGatewayAttachment}
 * makes (CreateTransitGatewayVpcAttachment), with {@code Ref} (the attachment id) and {@code Fn::GetAtt Id}. Unlike
 * the older type, its {@code SubnetIds} are create-only (a change replaces the attachment, with
 * {@code TransitGatewayId} and {@code VpcId}); subnets change in place through {@code AddSubnetIds} and
 * {@code RemoveSubnetIds}, and options through {@code Options}, with ModifyTransitGatewayVpcAttachment. A subnet
 * of {@code AddSubnetIds} the attachment already has, or of {@code RemoveSubnetIds} it no longer has, is left
 * alone, so the same lists can stay in the template across updates.
 */
public final class TransitGatewayVpcAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AddSubnetIds", "Options", "RemoveSubnetIds", "SubnetIds", "Tags", "TransitGatewayId", "VpcId");

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
        Served.check(r, SERVED);
        String id = TransitGatewayAttachmentHandler.createVpcAttachment(r);
        changeSubnets(r, id, false);
        return Created.of(id).attribute("Id", id);
    }

    private static void changeSubnets(ResourceRequest r, String id, boolean options) {
        if (!r.has("AddSubnetIds") && !r.has("RemoveSubnetIds") && !options) {
            return;
        }
        List<String> current = ec2(r).describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(id))
                .transitGatewayVpcAttachments().get(0).subnetIds();
        List<String> add = Ec2Support.strings(r, "AddSubnetIds").stream().filter(s -> !current.contains(s)).toList();
        List<String> remove = Ec2Support.strings(r, "RemoveSubnetIds").stream().filter(current::contains).toList();
        TransitGatewayAttachmentHandler.modify(r.physicalId() == null ? withId(r, id) : r, add, remove, options);
    }

    private static ResourceRequest withId(ResourceRequest r, String id) {
        return new ResourceRequest(r.logicalId(), r.type(), r.properties(), r.previousProperties(), id, r.attributes(),
                r.stack(), r.caller(), r.clients(), r.tags(), r.nameSuffix(), r.requestToken());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        changeSubnets(r, r.physicalId(), r.changedProperties().contains("Options"));
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(
                r.physicalId())));
    }
}
