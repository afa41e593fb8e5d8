package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::SubnetCidrBlock}: an IPv6 block (from the VPC's) associated with a subnet. {@code Ref} is
 * the association id; {@code Fn::GetAtt} gives {@code Id}, {@code IpSource} and {@code Ipv6AddressAttribute}.
 * Every property replaces it.
 */
public final class SubnetCidrBlockHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Ipv6CidrBlock", "SubnetId");

    @Override
    public String type() {
        return "AWS::EC2::SubnetCidrBlock";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).associateSubnetCidrBlock(b -> b.subnetId(r.requiredText("SubnetId"))
                .ipv6CidrBlock(r.requiredText("Ipv6CidrBlock"))).ipv6CidrBlockAssociation().associationId();
        // Gureum's VPCs get IPv6 blocks only from Amazon's pool: public, source amazon.
        return Created.of(id).attribute("Id", id).attribute("IpSource", "amazon")
                .attribute("Ipv6AddressAttribute", "public");
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateSubnetCidrBlock(b -> b.associationId(r.physicalId())));
    }
}
