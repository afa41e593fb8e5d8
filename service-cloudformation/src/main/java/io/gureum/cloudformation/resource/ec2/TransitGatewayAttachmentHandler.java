package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentRequestOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::TransitGatewayAttachment}: a VPC attached to a transit gateway. {@code Ref} is the
 * attachment id; {@code Fn::GetAtt} gives {@code Id}. {@code TransitGatewayId} and {@code VpcId} replace it.
 * AWS changes subnets and options in place with ModifyTransitGatewayVpcAttachment, which Gureum's EC2 does
 * not emulate: such an update fails naming the properties; tags change in place.
 */
public final class TransitGatewayAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Options", "SubnetIds", "Tags", "TransitGatewayId", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId", "VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode o = r.property("Options");
        String id = ec2(r).createTransitGatewayVpcAttachment(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .vpcId(r.requiredText("VpcId")).subnetIds(Ec2Support.strings(r, "SubnetIds"))
                .options(o == null ? null : CreateTransitGatewayVpcAttachmentRequestOptions.builder()
                        .dnsSupport(Ec2Support.text(o, "DnsSupport")).ipv6Support(Ec2Support.text(o, "Ipv6Support"))
                        .applianceModeSupport(Ec2Support.text(o, "ApplianceModeSupport"))
                        .securityGroupReferencingSupport(Ec2Support.text(o, "SecurityGroupReferencingSupport")).build())
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_ATTACHMENT)))
                .transitGatewayVpcAttachment().transitGatewayAttachmentId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> unserved = new TreeSet<>(r.changedProperties());
        unserved.remove("Tags");
        if (!unserved.isEmpty()) {
            throw new ResourceFailure("Gureum does not emulate ModifyTransitGatewayVpcAttachment: cannot update "
                    + unserved);
        }
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(
                r.physicalId())));
    }
}
