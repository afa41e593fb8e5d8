package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomainAssociations;

/**
 * {@code AWS::EC2::TransitGatewayMulticastDomainAssociation}: a subnet of a VPC attachment associated with a
 * multicast domain. Its identifier is the three IDs, so {@code Ref} is
 * {@code <TransitGatewayMulticastDomainId>|<TransitGatewayAttachmentId>|<SubnetId>}; {@code Fn::GetAtt} gives
 * {@code State}, {@code ResourceId} and {@code ResourceType}. Every property replaces it.
 */
public final class TransitGatewayMulticastDomainAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("SubnetId", "TransitGatewayAttachmentId",
            "TransitGatewayMulticastDomainId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMulticastDomainAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String domain = r.requiredText("TransitGatewayMulticastDomainId");
        String attachment = r.requiredText("TransitGatewayAttachmentId");
        String subnet = r.requiredText("SubnetId");
        TransitGatewayMulticastDomainAssociations a = ec2(r).associateTransitGatewayMulticastDomain(b -> b
                .transitGatewayMulticastDomainId(domain).transitGatewayAttachmentId(attachment).subnetIds(subnet))
                .associations();
        return Created.of(domain + "|" + attachment + "|" + subnet).attribute("State", "associated")
                .attribute("ResourceId", a.resourceId()).attribute("ResourceType", a.resourceTypeAsString());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateTransitGatewayMulticastDomain(b -> b
                .transitGatewayMulticastDomainId(r.text("TransitGatewayMulticastDomainId"))
                .transitGatewayAttachmentId(r.text("TransitGatewayAttachmentId")).subnetIds(r.text("SubnetId"))));
    }
}
