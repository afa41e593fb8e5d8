package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnect;

/**
 * {@code AWS::EC2::TransitGatewayConnect}: a Connect attachment over a transport (VPC) attachment.
 * {@code Ref} is the attachment id; {@code Fn::GetAtt} gives {@code TransitGatewayAttachmentId},
 * {@code TransitGatewayId}, {@code State} and {@code CreationTime}. {@code TransportTransitGatewayAttachmentId}
 * and {@code Options} ({@code Protocol}, required) replace it; tags change in place.
 */
public final class TransitGatewayConnectHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Options", "Tags", "TransportTransitGatewayAttachmentId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayConnect";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Options", "TransportTransitGatewayAttachmentId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String protocol = Ec2Support.text(r.property("Options"), "Protocol");
        if (protocol == null) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/Options: required key [Protocol] not found");
        }
        TransitGatewayConnect c = ec2(r).createTransitGatewayConnect(b -> b
                .transportTransitGatewayAttachmentId(r.requiredText("TransportTransitGatewayAttachmentId"))
                .options(o -> o.protocol(protocol))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_ATTACHMENT)))
                .transitGatewayConnect();
        return attributes(r, c.transitGatewayAttachmentId());
    }

    private static Created attributes(ResourceRequest r, String id) {
        TransitGatewayConnect c = ec2(r).describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(id))
                .transitGatewayConnects().get(0);
        return Created.of(id).attribute("TransitGatewayAttachmentId", id)
                .attribute("TransitGatewayId", c.transitGatewayId()).attribute("State", c.stateAsString())
                .attribute("CreationTime", c.creationTime().toString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return attributes(r, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayConnect(b -> b.transitGatewayAttachmentId(r.physicalId())));
    }
}
