package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code AWS::EC2::VPCDHCPOptionsAssociation}: a VPC's DHCP option set ({@code default} for none). {@code Ref}
 * is {@code <DhcpOptionsId>|<VpcId>}; both properties replace the association. Deleting it gives the VPC no
 * options ({@code default}) unless the VPC has already moved to another set (a replacement is created first).
 */
public final class VpcDhcpOptionsAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("DhcpOptionsId", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::VPCDHCPOptionsAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return SERVED;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String options = r.requiredText("DhcpOptionsId");
        String vpc = r.requiredText("VpcId");
        ec2(r).associateDhcpOptions(b -> b.dhcpOptionsId(options).vpcId(vpc));
        return Created.of(options + "|" + vpc);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        String options = r.text("DhcpOptionsId");
        String vpc = r.text("VpcId");
        try {
            String current = ec2(r).describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId();
            if (options.equals(current)) {
                ec2(r).associateDhcpOptions(b -> b.dhcpOptionsId("default").vpcId(vpc));
            }
        } catch (AwsServiceException e) {
            if (!Ec2Support.notFound(e)) {
                throw e;
            }
        }
    }
}
