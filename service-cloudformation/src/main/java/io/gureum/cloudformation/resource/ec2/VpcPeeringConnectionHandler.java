package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.spi.Caller;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::VPCPeeringConnection}. {@code Ref} is the peering connection id; {@code Fn::GetAtt}
 * gives {@code Id}. Every property but tags replaces it. CloudFormation accepts the request itself: in the
 * stack's account when the peer VPC is its own, otherwise as {@code PeerRoleArn} in the peer's account
 * (AWS::EC2::VPCPeeringConnection, PeerRoleArn).
 */
public final class VpcPeeringConnectionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "PeerOwnerId", "PeerRegion", "PeerRoleArn", "PeerVpcId", "Tags", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::VPCPeeringConnection";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId", "PeerVpcId", "PeerOwnerId", "PeerRegion", "PeerRoleArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String peerOwner = r.has("PeerOwnerId") ? r.text("PeerOwnerId") : r.stack().accountId();
        String peerRegion = r.has("PeerRegion") ? r.text("PeerRegion") : r.stack().region();
        String id = ec2.createVpcPeeringConnection(b -> b.vpcId(r.requiredText("VpcId"))
                .peerVpcId(r.requiredText("PeerVpcId")).peerOwnerId(r.text("PeerOwnerId"))
                .peerRegion(r.text("PeerRegion"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_PEERING_CONNECTION)))
                .vpcPeeringConnection().vpcPeeringConnectionId();
        Ec2Client accepter;
        if (peerOwner.equals(r.stack().accountId())) {
            accepter = r.clients().client(Ec2Client.class, new Caller(peerOwner, peerRegion, r.caller().principal(),
                    null));
        } else if (r.has("PeerRoleArn")) {
            accepter = r.clients().client(Ec2Client.class, new Caller(peerOwner, peerRegion, r.text("PeerRoleArn"),
                    null));
        } else {
            accepter = null; // Left pending-acceptance for the peer account to accept.
        }
        if (accepter != null) {
            accepter.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(id));
        }
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            Ec2Support.deleting(() -> ec2(r).deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(r.physicalId())));
        } catch (AwsServiceException e) {
            // A deleted connection stays visible for a while; deleting it again is a state error, not a failure.
            if (e.awsErrorDetails() == null || !"InvalidStateTransition".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}
