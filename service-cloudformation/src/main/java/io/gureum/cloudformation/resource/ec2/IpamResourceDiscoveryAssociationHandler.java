package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMResourceDiscoveryAssociation}. {@code Ref} is the association id; {@code Fn::GetAtt} gives
 * {@code IpamArn}, {@code IpamRegion}, {@code IpamResourceDiscoveryAssociationArn},
 * {@code IpamResourceDiscoveryAssociationId}, {@code IsDefault}, {@code OwnerId}, {@code ResourceDiscoveryStatus}
 * and {@code State}. {@code IpamId} and {@code IpamResourceDiscoveryId} replace it; tags change in place. Create
 * waits for {@code associate-complete}, delete (DisassociateIpamResourceDiscovery) until it is gone.
 */
public final class IpamResourceDiscoveryAssociationHandler implements WaitingHandler {
    private static final Set<String> SERVED = Set.of("IpamId", "IpamResourceDiscoveryId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::IPAMResourceDiscoveryAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamId", "IpamResourceDiscoveryId");
    }

    private static IpamResourceDiscoveryAssociation describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamResourceDiscoveryAssociations(b -> b
                .ipamResourceDiscoveryAssociationIds(id)).ipamResourceDiscoveryAssociations(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        IpamResourceDiscoveryAssociation a = describe(ec2, id);
        return a == null ? null : a.stateAsString();
    }

    private static Created created(IpamResourceDiscoveryAssociation a) {
        return Created.of(a.ipamResourceDiscoveryAssociationId()).attribute("IpamArn", a.ipamArn())
                .attribute("IpamRegion", a.ipamRegion())
                .attribute("IpamResourceDiscoveryAssociationArn", a.ipamResourceDiscoveryAssociationArn())
                .attribute("IpamResourceDiscoveryAssociationId", a.ipamResourceDiscoveryAssociationId())
                .attribute("IsDefault", String.valueOf(a.isDefault())).attribute("OwnerId", a.ownerId())
                .attribute("ResourceDiscoveryStatus", a.resourceDiscoveryStatusAsString())
                .attribute("State", a.stateAsString());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.associateIpamResourceDiscovery(b -> b.ipamId(r.requiredText("IpamId"))
                .ipamResourceDiscoveryId(r.requiredText("IpamResourceDiscoveryId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_RESOURCE_DISCOVERY_ASSOCIATION)))
                .ipamResourceDiscoveryAssociation().ipamResourceDiscoveryAssociationId();
        return IpamWaits.until("IPAM resource discovery association " + id, () -> state(ec2, id),
                Set.of("associate-complete"), Set.of("associate-failed", "gone"), () -> created(describe(ec2, id)));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> ec2.disassociateIpamResourceDiscovery(b -> b
                .ipamResourceDiscoveryAssociationId(id)));
        return IpamWaits.until("IPAM resource discovery association " + id, () -> state(ec2, id),
                Set.of("gone", "disassociate-complete"), Set.of("disassociate-failed"), () -> null);
    }
}
