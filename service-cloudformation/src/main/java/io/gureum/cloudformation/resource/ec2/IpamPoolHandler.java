package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpamPool;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidr;
import software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::IPAMPool}. {@code Ref} is the pool id; {@code Fn::GetAtt} gives {@code Arn}, {@code IpamArn},
 * {@code IpamPoolId}, {@code IpamScopeArn}, {@code IpamScopeType}, {@code PoolDepth}, {@code State} and
 * {@code StateMessage}. {@code ProvisionedCidrs} are provisioned after the create (and on update the added ones
 * provisioned, the removed ones deprovisioned); the resource completes when the pool is {@code create-complete} and
 * every CIDR {@code provisioned} (a {@code failed-provision} fails it with EC2's reason). The allocation rules,
 * {@code AllocationResourceTags}, {@code AutoImport}, {@code Description} and tags change in place; the other
 * properties replace the pool. Delete deprovisions its {@code ProvisionedCidrs}, then deletes the pool and waits
 * until it is gone. {@code SourceResource} is not served (EC2 answers resource planning pools 501).
 */
public final class IpamPoolHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("AddressFamily", "AllocationDefaultNetmaskLength",
            "AllocationMaxNetmaskLength", "AllocationMinNetmaskLength", "AllocationResourceTags", "AutoImport",
            "AwsService", "Description", "IpamScopeId", "Locale", "ProvisionedCidrs", "PublicIpSource",
            "PubliclyAdvertisable", "SourceIpamPoolId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::IPAMPool";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AddressFamily", "AwsService", "IpamScopeId", "Locale", "PublicIpSource",
                "PubliclyAdvertisable", "SourceIpamPoolId");
    }

    private static IpamPool describe(Ec2Client ec2, String id) {
        return Ec2Support.described(() -> ec2.describeIpamPools(b -> b.ipamPoolIds(id)).ipamPools(), x -> false);
    }

    private static Created created(IpamPool p) {
        return Created.of(p.ipamPoolId()).attribute("Arn", p.ipamPoolArn()).attribute("IpamArn", p.ipamArn())
                .attribute("IpamPoolId", p.ipamPoolId()).attribute("IpamScopeArn", p.ipamScopeArn())
                .attribute("IpamScopeType", p.ipamScopeTypeAsString())
                .attribute("PoolDepth", String.valueOf(p.poolDepth())).attribute("State", p.stateAsString())
                .attribute("StateMessage", p.stateMessage());
    }

    static List<String> cidrs(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(x -> out.add(x.path("Cidr").asText()));
        }
        return out;
    }

    private static Map<String, String> tagList(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list != null) {
            list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText("")));
        }
        return out;
    }

    private static List<RequestIpamResourceTag> requestTags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> RequestIpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Until the pool has settled and each of {@code cidrs} is provisioned. */
    private static CompletableFuture<Created> settled(Ec2Client ec2, String id, List<String> cidrs) {
        return Polling.until(() -> {
            IpamPool p = describe(ec2, id);
            if (p == null) {
                return Polling.Outcome.failed("IPAM pool " + id + " is gone");
            }
            String s = p.stateAsString();
            if (s.endsWith("-failed")) {
                return Polling.Outcome.failed("IPAM pool " + id + " is " + s);
            }
            if (s.endsWith("-in-progress")) {
                return null;
            }
            List<IpamPoolCidr> now = ec2.getIpamPoolCidrs(b -> b.ipamPoolId(id)).ipamPoolCidrs();
            for (String cidr : cidrs) {
                IpamPoolCidr c = now.stream().filter(x -> cidr.equals(x.cidr()) && !x.stateAsString()
                        .equals("deprovisioned")).reduce((a, b) -> b).orElse(null);
                if (c == null || c.stateAsString().equals("pending-provision")) {
                    return null;
                }
                if (c.stateAsString().equals("failed-provision")) {
                    return Polling.Outcome.failed("Provisioning " + cidr + " to IPAM pool " + id + " failed: "
                            + (c.failureReason() == null ? "" : c.failureReason().message()));
                }
            }
            return Polling.Outcome.done(created(p));
        }, IpamWaits.LIMIT, "IPAM pool " + id + " did not stabilize");
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createIpamPool(b -> b.ipamScopeId(r.requiredText("IpamScopeId"))
                .addressFamily(r.requiredText("AddressFamily")).locale(r.text("Locale"))
                .sourceIpamPoolId(r.text("SourceIpamPoolId")).description(r.text("Description"))
                .autoImport(r.bool("AutoImport")).publiclyAdvertisable(r.bool("PubliclyAdvertisable"))
                .allocationMinNetmaskLength(r.integer("AllocationMinNetmaskLength"))
                .allocationMaxNetmaskLength(r.integer("AllocationMaxNetmaskLength"))
                .allocationDefaultNetmaskLength(r.integer("AllocationDefaultNetmaskLength"))
                .allocationResourceTags(r.has("AllocationResourceTags")
                        ? requestTags(tagList(r.property("AllocationResourceTags"))) : null)
                .awsService(r.text("AwsService")).publicIpSource(r.text("PublicIpSource"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.IPAM_POOL))).ipamPool().ipamPoolId();
        List<String> cidrs = cidrs(r.property("ProvisionedCidrs"));
        for (String cidr : cidrs) {
            ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(id).cidr(cidr));
        }
        return settled(ec2, id, cidrs);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.stream().anyMatch(p -> !p.equals("Tags") && !p.equals("ProvisionedCidrs"))) {
            Map<String, String> before = tagList(r.previousProperties().get("AllocationResourceTags"));
            Map<String, String> now = tagList(r.property("AllocationResourceTags"));
            Map<String, String> removed = new LinkedHashMap<>(before);
            removed.keySet().removeAll(now.keySet());
            boolean clearDefault = !r.has("AllocationDefaultNetmaskLength")
                    && changed.contains("AllocationDefaultNetmaskLength");
            ec2.modifyIpamPool(b -> b.ipamPoolId(id).description(r.has("Description") ? r.text("Description") : "")
                    .autoImport(r.has("AutoImport") ? r.bool("AutoImport") : Boolean.FALSE)
                    .allocationMinNetmaskLength(r.integer("AllocationMinNetmaskLength"))
                    .allocationMaxNetmaskLength(r.integer("AllocationMaxNetmaskLength"))
                    .allocationDefaultNetmaskLength(r.integer("AllocationDefaultNetmaskLength"))
                    .clearAllocationDefaultNetmaskLength(clearDefault ? Boolean.TRUE : null)
                    .removeAllocationResourceTags(requestTags(removed)).addAllocationResourceTags(requestTags(now)));
        }
        List<String> now = cidrs(r.property("ProvisionedCidrs"));
        if (changed.contains("ProvisionedCidrs")) {
            List<String> before = cidrs(r.previousProperties().get("ProvisionedCidrs"));
            for (String cidr : before) {
                if (!now.contains(cidr)) {
                    ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(id).cidr(cidr));
                }
            }
            for (String cidr : now) {
                if (!before.contains(cidr)) {
                    ec2.provisionIpamPoolCidr(b -> b.ipamPoolId(id).cidr(cidr));
                }
            }
        }
        Ec2Support.retag(r, id);
        return settled(ec2, id, now);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> {
            for (IpamPoolCidr c : ec2.getIpamPoolCidrs(b -> b.ipamPoolId(id)).ipamPoolCidrs()) {
                if (c.stateAsString().equals("provisioned") && cidrs(r.property("ProvisionedCidrs")).contains(c.cidr())) {
                    ec2.deprovisionIpamPoolCidr(b -> b.ipamPoolId(id).cidr(c.cidr()));
                }
            }
            ec2.deleteIpamPool(b -> b.ipamPoolId(id));
        });
        return IpamWaits.gone("IPAM pool " + id, () -> {
            IpamPool p = describe(ec2, id);
            return p == null ? null : p.stateAsString();
        });
    }
}
