package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.IpamPoolAllocation;

/**
 * {@code AWS::EC2::IPAMAllocation}: a manual allocation from a pool (AllocateIpamPoolCidr, which completes at once).
 * {@code Ref} is {@code <pool id>|<allocation id>|<CIDR>}; {@code Fn::GetAtt IpamPoolAllocationId} the allocation
 * id. Every property replaces it; delete releases it (one already released counts as deleted).
 */
public final class IpamAllocationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("IpamPoolId", "Cidr", "NetmaskLength", "Description");

    @Override
    public String type() {
        return "AWS::EC2::IPAMAllocation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamPoolId", "Cidr", "NetmaskLength", "Description");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String pool = r.requiredText("IpamPoolId");
        IpamPoolAllocation a = ec2(r).allocateIpamPoolCidr(b -> b.ipamPoolId(pool).cidr(r.text("Cidr"))
                .netmaskLength(r.integer("NetmaskLength")).description(r.text("Description"))).ipamPoolAllocation();
        return Created.of(pool + "|" + a.ipamPoolAllocationId() + "|" + a.cidr())
                .attribute("IpamPoolAllocationId", a.ipamPoolAllocationId());
    }

    @Override
    public void delete(ResourceRequest r) {
        String[] ids = r.physicalId().split("\\|", 3);
        if (ids.length < 3) {
            return;
        }
        Ec2Support.deleting(() -> {
            try {
                ec2(r).releaseIpamPoolAllocation(b -> b.ipamPoolId(ids[0]).ipamPoolAllocationId(ids[1]).cidr(ids[2]));
            } catch (AwsServiceException e) {
                // An allocation already released: EC2 answers InvalidParameterCombination "No allocation found".
                String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
                if (message == null || !message.startsWith("No allocation found")) {
                    throw e;
                }
            }
        });
    }
}
