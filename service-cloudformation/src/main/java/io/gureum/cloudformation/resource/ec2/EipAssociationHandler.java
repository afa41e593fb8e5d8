package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::EIPAssociation}: an Elastic IP address associated with an instance or a network
 * interface. {@code Ref} is the association id; {@code Fn::GetAtt} gives {@code Id}. Every property replaces
 * it. The address is named by {@code AllocationId} or by its public IP ({@code EIP}).
 */
public final class EipAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AllocationId", "EIP", "InstanceId", "NetworkInterfaceId",
            "PrivateIpAddress");

    @Override
    public String type() {
        return "AWS::EC2::EIPAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).associateAddress(b -> b.allocationId(r.text("AllocationId")).publicIp(r.text("EIP"))
                .instanceId(r.text("InstanceId")).networkInterfaceId(r.text("NetworkInterfaceId"))
                .privateIpAddress(r.text("PrivateIpAddress"))).associationId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateAddress(b -> b.associationId(r.physicalId())));
    }
}
