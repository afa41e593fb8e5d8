package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverTarget;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMPrefixListResolverTarget}. {@code Ref} is the target id; {@code Fn::GetAtt} gives
 * {@code IpamPrefixListResolverTargetId} and {@code IpamPrefixListResolverTargetArn}. The resolver, prefix list and
 * its Region replace it; {@code TrackLatestVersion}, {@code DesiredVersion} and tags change in place. Create and
 * update wait until EC2 reports the target synchronised ({@code sync-complete}; {@code sync-failed} fails the
 * resource), delete until it is gone ({@link IpamWaits}).
 */
public final class IpamPrefixListResolverTargetHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("IpamPrefixListResolverId", "PrefixListId", "PrefixListRegion",
            "TrackLatestVersion", "DesiredVersion", "Tags");
    private static final Set<String> DONE = Set.of("sync-complete", "create-complete", "modify-complete");
    private static final Set<String> FAILED = Set.of("sync-failed", "create-failed", "modify-failed");

    @Override
    public String type() {
        return "AWS::EC2::IPAMPrefixListResolverTarget";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("IpamPrefixListResolverId", "PrefixListId", "PrefixListRegion");
    }

    private static IpamPrefixListResolverTarget describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamPrefixListResolverTargets(b -> b
                .ipamPrefixListResolverTargetIds(id)).ipamPrefixListResolverTargets(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        IpamPrefixListResolverTarget t = describe(ec2, id);
        return t == null ? null : t.stateAsString();
    }

    private static Created created(IpamPrefixListResolverTarget t) {
        return Created.of(t.ipamPrefixListResolverTargetId())
                .attribute("IpamPrefixListResolverTargetId", t.ipamPrefixListResolverTargetId())
                .attribute("IpamPrefixListResolverTargetArn", t.ipamPrefixListResolverTargetArn());
    }

    private static Long desired(ResourceRequest r) {
        String v = r.text("DesiredVersion");
        return v == null ? null : Long.valueOf(v.trim());
    }

    private static CompletableFuture<Created> synced(Ec2Client ec2, String id) {
        return IpamWaits.until("IPAM prefix list resolver target " + id, () -> state(ec2, id), DONE, FAILED,
                () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createIpamPrefixListResolverTarget(b -> b
                .ipamPrefixListResolverId(r.requiredText("IpamPrefixListResolverId"))
                .prefixListId(r.requiredText("PrefixListId")).prefixListRegion(r.requiredText("PrefixListRegion"))
                .trackLatestVersion(Boolean.TRUE.equals(r.bool("TrackLatestVersion"))).desiredVersion(desired(r))

                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_PREFIX_LIST_RESOLVER_TARGET)))
                .ipamPrefixListResolverTarget().ipamPrefixListResolverTargetId();
        return synced(ec2, id);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        if (r.changedProperties().contains("TrackLatestVersion") || r.changedProperties().contains("DesiredVersion")) {
            ec2.modifyIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverTargetId(id)
                    .trackLatestVersion(Boolean.TRUE.equals(r.bool("TrackLatestVersion"))).desiredVersion(desired(r)));
        }
        Ec2Support.retag(r, id);
        return synced(ec2, id);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverTargetId(id));
            return IpamWaits.gone("IPAM prefix list resolver target " + id, () -> state(ec2, id));
        });
    }
}
