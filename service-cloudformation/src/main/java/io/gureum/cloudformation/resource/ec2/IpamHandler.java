package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.Ipam;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAM}. {@code Ref} is the IPAM id; {@code Fn::GetAtt} gives {@code Arn},
 * {@code DefaultResourceDiscoveryAssociationId}, {@code DefaultResourceDiscoveryId}, {@code IpamId},
 * {@code PrivateDefaultScopeId}, {@code PublicDefaultScopeId}, {@code ResourceDiscoveryAssociationCount} and
 * {@code ScopeCount}. Every property changes in place (ModifyIpam, tags). Create and update wait for
 * {@code create-complete} / {@code modify-complete}, delete until the IPAM is gone.
 * {@code DefaultResourceDiscoveryOrganizationalUnitExclusions} is not served (Organizations' accounts are not
 * discovered).
 */
public final class IpamHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("Description", "OperatingRegions", "Tags", "Tier",
            "EnablePrivateGua", "MeteredAccount");

    @Override
    public String type() {
        return "AWS::EC2::IPAM";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    static List<String> regions(ResourceRequest r, com.fasterxml.jackson.databind.JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(x -> out.add(x.path("RegionName").asText()));
        }
        return out;
    }

    private static Ipam describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpams(b -> b.ipamIds(id)).ipams(), x -> false);
    }

    private static String state(Ec2Client ec2, String id) {
        Ipam i = describe(ec2, id);
        return i == null ? null : i.stateAsString();
    }

    private static Created created(Ipam i) {
        return Created.of(i.ipamId()).attribute("Arn", i.ipamArn()).attribute("IpamId", i.ipamId())
                .attribute("DefaultResourceDiscoveryAssociationId", i.defaultResourceDiscoveryAssociationId())
                .attribute("DefaultResourceDiscoveryId", i.defaultResourceDiscoveryId())
                .attribute("PrivateDefaultScopeId", i.privateDefaultScopeId())
                .attribute("PublicDefaultScopeId", i.publicDefaultScopeId())
                .attribute("ResourceDiscoveryAssociationCount", String.valueOf(i.resourceDiscoveryAssociationCount()))
                .attribute("ScopeCount", String.valueOf(i.scopeCount()));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createIpam(b -> b.description(r.text("Description")).tier(r.text("Tier"))
                .enablePrivateGua(r.bool("EnablePrivateGua")).meteredAccount(r.text("MeteredAccount"))
                .operatingRegions(r.has("OperatingRegions") ? regions(r, r.property("OperatingRegions")).stream()
                        .map(x -> AddIpamOperatingRegion.builder().regionName(x).build()).toList() : null)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM))).ipam().ipamId();
        return IpamWaits.settled("IPAM " + id, () -> state(ec2, id), () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.stream().anyMatch(p -> !p.equals("Tags"))) {
            List<String> before = regions(r, r.previousProperties().get("OperatingRegions"));
            List<String> now = regions(r, r.property("OperatingRegions"));
            ec2.modifyIpam(b -> b.ipamId(id).description(r.text("Description")).tier(r.text("Tier"))
                    .enablePrivateGua(r.bool("EnablePrivateGua")).meteredAccount(r.text("MeteredAccount"))
                    .addOperatingRegions(now.stream().filter(x -> !before.contains(x))
                            .map(x -> AddIpamOperatingRegion.builder().regionName(x).build()).toList())
                    .removeOperatingRegions(before.stream().filter(x -> !now.contains(x))
                            .map(x -> RemoveIpamOperatingRegion.builder().regionName(x).build()).toList()));
        }
        Ec2Support.retag(r, id);
        return IpamWaits.settled("IPAM " + id, () -> state(ec2, id), () -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> ec2.deleteIpam(b -> b.ipamId(id)));
        return IpamWaits.gone("IPAM " + id, () -> state(ec2, id));
    }
}
