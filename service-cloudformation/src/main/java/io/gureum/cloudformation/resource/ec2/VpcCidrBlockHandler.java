package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockResponse;

/**
 * {@code AWS::EC2::VPCCidrBlock}: a secondary IPv4 block or an Amazon-provided IPv6 block associated with a
 * VPC. {@code Ref} is the association id; {@code Fn::GetAtt} gives {@code Id}, and for an IPv6 block
 * {@code IpSource} and {@code Ipv6AddressAttribute}. Every property replaces it.
 */
public final class VpcCidrBlockHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AmazonProvidedIpv6CidrBlock", "CidrBlock", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::VPCCidrBlock";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        AssociateVpcCidrBlockResponse a = ec2(r).associateVpcCidrBlock(b -> b.vpcId(r.requiredText("VpcId"))
                .cidrBlock(r.text("CidrBlock")).amazonProvidedIpv6CidrBlock(r.bool("AmazonProvidedIpv6CidrBlock")));
        if (a.ipv6CidrBlockAssociation() != null) {
            String id = a.ipv6CidrBlockAssociation().associationId();
            // An Amazon-provided block is public and comes from Amazon's pool.
            return Created.of(id).attribute("Id", id).attribute("IpSource", "amazon")
                    .attribute("Ipv6AddressAttribute", "public");
        }
        String id = a.cidrBlockAssociation().associationId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateVpcCidrBlock(b -> b.associationId(r.physicalId())));
    }
}
