package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamScope;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMScope}: a private scope of an IPAM. {@code Ref} is the scope id; {@code Fn::GetAtt} gives
 * {@code Arn}, {@code IpamArn}, {@code IpamScopeId}, {@code IpamScopeType}, {@code IsDefault} and
 * {@code PoolCount}. {@code IpamId} replaces it; {@code Description} and tags change in place.
 * {@code ExternalAuthorityConfiguration} is not served (EC2 answers it 501).
 */
public final class IpamScopeHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("IpamId", "Description", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::IPAMScope";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamId");
    }

    private static IpamScope describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamScopes(b -> b.ipamScopeIds(id)).ipamScopes(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        IpamScope x = describe(ec2, id);
        return x == null ? null : x.stateAsString();
    }

    private static Created created(IpamScope x) {
        return Created.of(x.ipamScopeId()).attribute("Arn", x.ipamScopeArn()).attribute("IpamArn", x.ipamArn())
                .attribute("IpamScopeId", x.ipamScopeId()).attribute("IpamScopeType", x.ipamScopeTypeAsString())
                .attribute("IsDefault", String.valueOf(x.isDefault()))
                .attribute("PoolCount", String.valueOf(x.poolCount()));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createIpamScope(b -> b.ipamId(r.requiredText("IpamId")).description(r.text("Description"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_SCOPE))).ipamScope().ipamScopeId();
        return IpamWaits.settled("IPAM scope " + id, () -> state(ec2, id), () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        if (r.changedProperties().contains("Description")) {
            ec2.modifyIpamScope(b -> b.ipamScopeId(id).description(r.has("Description") ? r.text("Description")
                    : ""));
        }
        Ec2Support.retag(r, id);
        return IpamWaits.settled("IPAM scope " + id, () -> state(ec2, id), () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> ec2.deleteIpamScope(b -> b.ipamScopeId(id)));
        return IpamWaits.gone("IPAM scope " + id, () -> state(ec2, id));
    }
}
