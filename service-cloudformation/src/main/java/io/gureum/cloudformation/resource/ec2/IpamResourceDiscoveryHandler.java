package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.AddIpamOrganizationalUnitExclusion;
import software.amazon.awssdk.services.ec2.model.IpamResourceDiscovery;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOrganizationalUnitExclusion;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMResourceDiscovery}. {@code Ref} is its id; {@code Fn::GetAtt} gives
 * {@code IpamResourceDiscoveryArn}, {@code IpamResourceDiscoveryId}, {@code IpamResourceDiscoveryRegion},
 * {@code IsDefault}, {@code OwnerId} and {@code State}. Every property changes in place
 * (ModifyIpamResourceDiscovery; {@code OrganizationalUnitExclusions} are set by it after the create, as
 * CreateIpamResourceDiscovery has none). Create and update wait until it has settled, delete until it is gone.
 */
public final class IpamResourceDiscoveryHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("Description", "OperatingRegions",
            "OrganizationalUnitExclusions", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::IPAMResourceDiscovery";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    private static IpamResourceDiscovery describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamResourceDiscoveries(b -> b.ipamResourceDiscoveryIds(id))
                .ipamResourceDiscoveries(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        IpamResourceDiscovery d = describe(ec2, id);
        return d == null ? null : d.stateAsString();
    }

    private static Created created(IpamResourceDiscovery d) {
        return Created.of(d.ipamResourceDiscoveryId()).attribute("IpamResourceDiscoveryArn",
                d.ipamResourceDiscoveryArn()).attribute("IpamResourceDiscoveryId", d.ipamResourceDiscoveryId())
                .attribute("IpamResourceDiscoveryRegion", d.ipamResourceDiscoveryRegion())
                .attribute("IsDefault", String.valueOf(d.isDefault())).attribute("OwnerId", d.ownerId())
                .attribute("State", d.stateAsString());
    }

    private static List<String> exclusions(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(x -> out.add(x.path("OrganizationsEntityPath").asText()));
        }
        return out;
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createIpamResourceDiscovery(b -> b.description(r.text("Description"))
                .operatingRegions(r.has("OperatingRegions") ? IpamHandler.regions(r, r.property("OperatingRegions"))
                        .stream().map(x -> AddIpamOperatingRegion.builder().regionName(x).build()).toList() : null)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_RESOURCE_DISCOVERY)))
                .ipamResourceDiscovery().ipamResourceDiscoveryId();
        List<String> excluded = exclusions(r.property("OrganizationalUnitExclusions"));
        if (!excluded.isEmpty()) {
            ec2.modifyIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(id).addOrganizationalUnitExclusions(
                    excluded.stream().map(x -> AddIpamOrganizationalUnitExclusion.builder().organizationsEntityPath(x)
                            .build()).toList()));
        }
        return IpamWaits.settled("IPAM resource discovery " + id, () -> state(ec2, id),
                () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        if (r.changedProperties().stream().anyMatch(p -> !p.equals("Tags"))) {
            List<String> before = IpamHandler.regions(r, r.previousProperties().get("OperatingRegions"));
            List<String> now = IpamHandler.regions(r, r.property("OperatingRegions"));
            List<String> exBefore = exclusions(r.previousProperties().get("OrganizationalUnitExclusions"));
            List<String> exNow = exclusions(r.property("OrganizationalUnitExclusions"));
            ec2.modifyIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(id)
                    .description(r.has("Description") ? r.text("Description") : "")
                    .addOperatingRegions(now.stream().filter(x -> !before.contains(x))
                            .map(x -> AddIpamOperatingRegion.builder().regionName(x).build()).toList())
                    .removeOperatingRegions(before.stream().filter(x -> !now.contains(x))
                            .map(x -> RemoveIpamOperatingRegion.builder().regionName(x).build()).toList())
                    .addOrganizationalUnitExclusions(exNow.stream().filter(x -> !exBefore.contains(x))
                            .map(x -> AddIpamOrganizationalUnitExclusion.builder().organizationsEntityPath(x).build())
                            .toList())
                    .removeOrganizationalUnitExclusions(exBefore.stream().filter(x -> !exNow.contains(x))
                            .map(x -> RemoveIpamOrganizationalUnitExclusion.builder().organizationsEntityPath(x)
                                    .build())
                            .toList()));
        }
        Ec2Support.retag(r, id);
        return IpamWaits.settled("IPAM resource discovery " + id, () -> state(ec2, id),
                () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> ec2.deleteIpamResourceDiscovery(b -> b.ipamResourceDiscoveryId(id)));
        return IpamWaits.gone("IPAM resource discovery " + id, () -> state(ec2, id));
    }
}
