package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;

/**
 * {@code AWS::EC2::TransitGatewayPeeringAttachment}: a peering request from the stack's transit gateway to
 * another, of the account and Region {@code PeerAccountId} and {@code PeerRegion} name (both required, as in
 * AWS's schema).
 * {@code Ref} is the attachment id; {@code Fn::GetAtt} gives {@code TransitGatewayAttachmentId}, {@code State},
 * {@code Status} (the object), {@code Status.Code}, {@code Status.Message} and {@code CreationTime}. Like AWS's type it does not accept the
 * request: the accepter's owner accepts it (AcceptTransitGatewayPeeringAttachment), so the resource is
 * complete in {@code pendingAcceptance}. Every property but tags replaces it.
 */
public final class TransitGatewayPeeringAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "PeerAccountId", "PeerRegion", "PeerTransitGatewayId", "Tags", "TransitGatewayId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayPeeringAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("PeerAccountId", "PeerRegion", "PeerTransitGatewayId", "TransitGatewayId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .peerTransitGatewayId(r.requiredText("PeerTransitGatewayId"))
                .peerAccountId(r.requiredText("PeerAccountId")).peerRegion(r.requiredText("PeerRegion"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_ATTACHMENT)))
                .transitGatewayPeeringAttachment().transitGatewayAttachmentId();
        return attributes(r, id);
    }

    private static Created attributes(ResourceRequest r, String id) {
        TransitGatewayPeeringAttachment a = ec2(r).describeTransitGatewayPeeringAttachments(b -> b
                .transitGatewayAttachmentIds(id)).transitGatewayPeeringAttachments().get(0);
        com.fasterxml.jackson.databind.node.ObjectNode status = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("Code", a.status().code()).put("Message", a.status().message());
        return Created.of(id).attribute("TransitGatewayAttachmentId", id).attribute("State", a.stateAsString())
                .attribute("Status", status).attribute("Status.Code", a.status().code()).attribute("Status.Message", a.status().message())
                .attribute("CreationTime", a.creationTime().toString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return attributes(r, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(r.physicalId())));
        } catch (AwsServiceException e) {
            // Deleted from the other side already: a state error, not a failure.
            if (e.awsErrorDetails() == null || !"IncorrectState".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}
