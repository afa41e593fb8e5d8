package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;

/**
 * {@code AWS::EC2::IPAMPoolCidr}: a CIDR provisioned to a pool ({@code Cidr}, or {@code NetmaskLength} out of the
 * pool's source pool). {@code Ref} is {@code <pool id>|<pool CIDR id>}; {@code Fn::GetAtt} gives
 * {@code IpamPoolCidrId} and {@code State}. Every property replaces it. Create waits until the CIDR is
 * {@code provisioned} ({@code failed-provision} fails it with EC2's reason); delete deprovisions it and waits until
 * it is {@code deprovisioned}.
 */
public final class IpamPoolCidrHandler implements WaitingHandler {
    private static final Set<String> SERVED = Set.of("IpamPoolId", "Cidr", "NetmaskLength");

    @Override
    public String type() {
        return "AWS::EC2::IPAMPoolCidr";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamPoolId", "Cidr", "NetmaskLength");
    }

    /** The CIDR of the pool with this id; null when it or its pool is gone. */
    private static IpamPoolCidr find(Ec2Client ec2, String pool, String cidrId) {
        try {
            List<IpamPoolCidr> found = ec2.getIpamPoolCidrs(b -> b.ipamPoolId(pool)
                    .filters(Ec2Support.filter("ipam-pool-cidr-id", cidrId))).ipamPoolCidrs();
            return found.isEmpty() ? null : found.get(0);
        } catch (AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String pool = r.requiredText("IpamPoolId");
        String id = ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(pool).cidr(r.text("Cidr"))
                .netmaskLength(r.integer("NetmaskLength"))).ipamPoolCidr().ipamPoolCidrId();
        String what = "IPAM pool CIDR " + id;
        return IpamWaits.until(what, () -> {
            IpamPoolCidr c = find(ec2, pool, id);
            return c == null ? null : c.stateAsString();
        }, Set.of("provisioned"), Set.of("failed-provision", "gone"), () -> {
            IpamPoolCidr c = find(ec2, pool, id);
            return Created.of(pool + "|" + id).attribute("IpamPoolCidrId", id).attribute("State", c.stateAsString());
        }).exceptionallyCompose(e -> {
            IpamPoolCidr c = find(ec2, pool, id);
            if (c != null && c.failureReason() != null) {
                return CompletableFuture.failedFuture(new io.gureum.cloudformation.resource.ResourceFailure(
                        what + " failed to provision: " + c.failureReason().message(), "NotStabilized"));
            }
            return CompletableFuture.failedFuture(e);
        });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] ids = r.physicalId().split("\\|", 2);
        String pool = ids[0];
        String id = ids.length > 1 ? ids[1] : "";
        IpamPoolCidr c = find(ec2, pool, id);
        if (c == null || !c.stateAsString().equals("provisioned") && !c.stateAsString().equals("pending-provision")) {
            return CompletableFuture.completedFuture(null);
        }
        Ec2Support.deleting(() -> ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(pool).cidr(c.cidr())));
        return IpamWaits.until("IPAM pool CIDR " + id, () -> {
            IpamPoolCidr now = find(ec2, pool, id);
            return now == null ? null : now.stateAsString();
        }, Set.of("deprovisioned", "gone"), Set.of("failed-deprovision"), () -> null);
    }
}
