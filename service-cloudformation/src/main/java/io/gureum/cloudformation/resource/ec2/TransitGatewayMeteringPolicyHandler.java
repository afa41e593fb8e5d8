package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy;

/**
 * {@code AWS::EC2::TransitGatewayMeteringPolicy}. {@code Ref} is the metering policy id; {@code Fn::GetAtt} gives
 * {@code TransitGatewayMeteringPolicyId}, {@code State} and {@code UpdateEffectiveAt}. {@code TransitGatewayId}
 * replaces the policy; {@code MiddleboxAttachmentIds} change in place (ModifyTransitGatewayMeteringPolicy adds and
 * removes the difference), and so do tags. Create and update wait until EC2 reports the policy {@code available},
 * delete until {@code deleted}, without holding a thread ({@link Polling}).
 */
public final class TransitGatewayMeteringPolicyHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("TransitGatewayId", "MiddleboxAttachmentIds", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMeteringPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId");
    }

    private static TransitGatewayMeteringPolicy describe(Ec2Client ec2, String id) {
        return ec2.describeTransitGatewayMeteringPolicies(b -> b.transitGatewayMeteringPolicyIds(id))
                .transitGatewayMeteringPolicies().get(0);
    }

    private static Created created(TransitGatewayMeteringPolicy p) {
        return Created.of(p.transitGatewayMeteringPolicyId())
                .attribute("TransitGatewayMeteringPolicyId", p.transitGatewayMeteringPolicyId())
                .attribute("State", p.stateAsString())
                .attribute("UpdateEffectiveAt", p.updateEffectiveAt() == null ? null
                        : p.updateEffectiveAt().toString());
    }

    private static CompletableFuture<Created> available(Ec2Client ec2, String id) {
        return Polling.settled("transit gateway metering policy " + id,
                () -> "available".equals(describe(ec2, id).stateAsString())).thenApply(x -> created(describe(ec2, id)));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<String> middleboxes = Ec2Support.strings(r, "MiddleboxAttachmentIds");
        String id = ec2.createTransitGatewayMeteringPolicy(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .middleboxAttachmentIds(middleboxes.isEmpty() ? null : middleboxes)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_METERING_POLICY)))
                .transitGatewayMeteringPolicy().transitGatewayMeteringPolicyId();
        return available(ec2, id);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        if (r.changedProperties().contains("MiddleboxAttachmentIds")) {
            List<String> now = Ec2Support.strings(r, "MiddleboxAttachmentIds");
            List<String> before = r.previousProperties() == null ? List.of()
                    : Ec2Support.strings(r.previousProperties().get("MiddleboxAttachmentIds"));
            List<String> add = new ArrayList<>(now);
            add.removeAll(before);
            List<String> remove = new ArrayList<>(before);
            remove.removeAll(now);
            if (!add.isEmpty() || !remove.isEmpty()) {
                ec2.modifyTransitGatewayMeteringPolicy(b -> b.transitGatewayMeteringPolicyId(id)
                        .addMiddleboxAttachmentIds(add.isEmpty() ? null : add)
                        .removeMiddleboxAttachmentIds(remove.isEmpty() ? null : remove));
            }
        }
        Ec2Support.retag(r, id);
        return available(ec2, id);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteTransitGatewayMeteringPolicy(b -> b.transitGatewayMeteringPolicyId(id));
            return Polling.settled("transit gateway metering policy " + id, () -> ec2
                    .describeTransitGatewayMeteringPolicies(b -> b.transitGatewayMeteringPolicyIds(id))
                    .transitGatewayMeteringPolicies().stream().allMatch(p -> "deleted".equals(p.stateAsString())));
        });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var p = Ec2Support.described(() -> ec2(r).describeTransitGatewayMeteringPolicies(b -> b
                .transitGatewayMeteringPolicyIds(r.physicalId())).transitGatewayMeteringPolicies(),
                found -> "deleted".equals(found.stateAsString()) || "deleting".equals(found.stateAsString()));
        if (p == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("TransitGatewayId", p.transitGatewayId())
                .result();
    }
}
