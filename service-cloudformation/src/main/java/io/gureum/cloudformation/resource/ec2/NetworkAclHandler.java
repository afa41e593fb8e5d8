package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkAcl}. {@code Ref} is the network ACL id; {@code Fn::GetAtt} gives {@code Id}.
 * {@code VpcId} replaces it; tags change in place.
 */
public final class NetworkAclHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Tags", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::NetworkAcl";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createNetworkAcl(b -> b.vpcId(r.requiredText("VpcId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_ACL))).networkAcl().networkAclId();
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
        Ec2Support.deleting(() -> ec2(r).deleteNetworkAcl(b -> b.networkAclId(r.physicalId())));
    }
}
