package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * {@code AWS::EC2::Host}: one Dedicated Host (AllocateHosts, Quantity 1). {@code Ref} and {@code Fn::GetAtt
 * HostId} are its ID. {@code AutoPlacement}, {@code HostRecovery} and {@code HostMaintenance} change in place
 * (ModifyHosts; a removed one goes back to EC2's default: off, off, on), {@code Tags} too; the create-only
 * properties of AWS's schema ({@code AvailabilityZone}, {@code InstanceType}, {@code InstanceFamily},
 * {@code OutpostArn}, {@code AssetId}) replace it. {@code OutpostArn} and {@code AssetId} (Outposts) are not
 * served. Delete is ReleaseHosts, which fails while instances still run on the host, as EC2 refuses it.
 */
public final class HostHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AutoPlacement", "AvailabilityZone", "HostMaintenance",
            "HostRecovery", "InstanceFamily", "InstanceType", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::Host";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AvailabilityZone", "InstanceType", "InstanceFamily", "OutpostArn", "AssetId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).allocateHosts(b -> b.availabilityZone(r.requiredText("AvailabilityZone"))
                .instanceType(r.text("InstanceType")).instanceFamily(r.text("InstanceFamily"))
                .autoPlacement(r.text("AutoPlacement")).hostRecovery(r.text("HostRecovery"))
                .hostMaintenance(r.text("HostMaintenance")).quantity(1)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.DEDICATED_HOST))
                .clientToken(UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                        .getBytes(StandardCharsets.UTF_8)).toString())).hostIds().get(0);
        return created(id);
    }

    private static Created created(String id) {
        return Created.of(id).attribute("HostId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        if (changed.contains("AutoPlacement") || changed.contains("HostRecovery")
                || changed.contains("HostMaintenance")) {
            var result = ec2(r).modifyHosts(b -> b.hostIds(r.physicalId())
                    .autoPlacement(r.has("AutoPlacement") ? r.text("AutoPlacement") : "off")
                    .hostRecovery(r.has("HostRecovery") ? r.text("HostRecovery") : "off")
                    .hostMaintenance(r.has("HostMaintenance") ? r.text("HostMaintenance") : "on"));
            failIfUnsuccessful(result.unsuccessful());
        }
        Ec2Support.retag(r, r.physicalId());
        return created(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        var result = ec2(r).releaseHosts(b -> b.hostIds(r.physicalId()));
        // A host already released (or never known) is gone: Client.InvalidHostID.NotFound.
        failIfUnsuccessful(result.unsuccessful().stream()
                .filter(u -> u.error() == null || u.error().code() == null || !u.error().code().endsWith("NotFound"))
                .toList());
    }

    private static void failIfUnsuccessful(java.util.List<UnsuccessfulItem> failed) {
        if (!failed.isEmpty()) {
            UnsuccessfulItem u = failed.get(0);
            throw new ResourceFailure(u.error().code() + ": " + u.error().message());
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Host h = Ec2Support.described(() -> ec2(r).describeHosts(b -> b.hostIds(r.physicalId())).hosts(),
                found -> !"available".equals(found.stateAsString()));
        if (h == null) {
            return null;
        }
        return new Drift(r).put("AvailabilityZone", h.availabilityZone())
                .put("InstanceType", h.hostProperties().instanceType())
                .put("InstanceFamily", h.hostProperties().instanceFamily())
                .put("AutoPlacement", h.autoPlacementAsString()).put("HostRecovery", h.hostRecoveryAsString())
                .put("HostMaintenance", h.hostMaintenanceAsString()).result();
    }
}
