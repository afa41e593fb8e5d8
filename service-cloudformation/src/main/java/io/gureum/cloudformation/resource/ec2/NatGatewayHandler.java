package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NatGateway}. {@code Ref} is the NAT gateway id; {@code Fn::GetAtt} gives
 * {@code NatGatewayId}. Every property but tags replaces the gateway.
 *
 * <p>AWS's handler returns once the gateway is {@code available}; this one returns while EC2 still reports
 * it {@code pending} (routes may already target it). Delete waits until EC2 reports it {@code deleted}, which
 * frees its Elastic IP and subnet for the resources deleted after it, without holding a thread ({@link Polling}).
 */
public final class NatGatewayHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AllocationId", "ConnectivityType", "PrivateIpAddress", "SubnetId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::NatGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AllocationId", "ConnectivityType", "PrivateIpAddress", "SubnetId", "MaxDrainDurationSeconds",
                "SecondaryAllocationIds", "SecondaryPrivateIpAddresses", "SecondaryPrivateIpAddressCount");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createNatGateway(b -> b.subnetId(r.requiredText("SubnetId"))
                .allocationId(r.text("AllocationId")).connectivityType(r.text("ConnectivityType"))
                .privateIpAddress(r.text("PrivateIpAddress"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NATGATEWAY))).natGateway().natGatewayId();
        return Created.of(id).attribute("NatGatewayId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("NatGatewayId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteNatGateway(b -> b.natGatewayId(id));
            return Polling.settled("NAT gateway " + id, () -> ec2.describeNatGateways(b -> b.natGatewayIds(id))
                    .natGateways().stream().allMatch(n -> "deleted".equals(n.stateAsString())));
        });
    }
}
