package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationRequest;

/**
 * {@code AWS::EC2::VerifiedAccessGroup}. {@code Ref} is the group ID; {@code Fn::GetAtt} gives
 * {@code VerifiedAccessGroupId}, {@code VerifiedAccessGroupArn}, {@code CreationTime}, {@code LastUpdatedTime} and
 * {@code Owner}. Every property changes in place: {@code VerifiedAccessInstanceId} and {@code Description} through
 * ModifyVerifiedAccessGroup, {@code PolicyDocument}, {@code PolicyEnabled} and {@code SseSpecification} through
 * ModifyVerifiedAccessGroupPolicy. A group has no state to wait for.
 */
public final class VerifiedAccessGroupHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("VerifiedAccessInstanceId", "Description", "PolicyDocument",
            "PolicyEnabled", "SseSpecification", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VerifiedAccessGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    private static VerifiedAccessGroup describe(Ec2Client ec2, String id) {
        return ec2.describeVerifiedAccessGroups(b -> b.verifiedAccessGroupIds(id)).verifiedAccessGroups().get(0);
    }

    private static Created created(VerifiedAccessGroup g) {
        return Created.of(g.verifiedAccessGroupId()).attribute("VerifiedAccessGroupId", g.verifiedAccessGroupId())
                .attribute("VerifiedAccessGroupArn", g.verifiedAccessGroupArn())
                .attribute("CreationTime", g.creationTime()).attribute("LastUpdatedTime", g.lastUpdatedTime())
                .attribute("Owner", g.owner());
    }

    /** The policy is on unless {@code PolicyEnabled} is false; off, the document is not sent. */
    private static boolean policyOn(ResourceRequest r) {
        return !Boolean.FALSE.equals(r.bool("PolicyEnabled")) && r.text("PolicyDocument") != null;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        if (Boolean.TRUE.equals(r.bool("PolicyEnabled")) && r.text("PolicyDocument") == null) {
            throw new io.gureum.cloudformation.resource.ResourceFailure(
                    "PolicyEnabled is true but no PolicyDocument is given");
        }
        VerifiedAccessGroup g = ec2.createVerifiedAccessGroup(b -> b
                .verifiedAccessInstanceId(r.requiredText("VerifiedAccessInstanceId")).description(r.text("Description"))
                .policyDocument(policyOn(r) ? r.text("PolicyDocument") : null)
                .sseSpecification(VerifiedAccessSupport.shape(r, "SseSpecification",
                        VerifiedAccessSseSpecificationRequest.class))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VERIFIED_ACCESS_GROUP))).verifiedAccessGroup();
        return created(g);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("VerifiedAccessInstanceId") || changed.contains("Description")) {
            ec2.modifyVerifiedAccessGroup(b -> b.verifiedAccessGroupId(id)
                    .verifiedAccessInstanceId(changed.contains("VerifiedAccessInstanceId")
                            ? r.requiredText("VerifiedAccessInstanceId") : null)
                    .description(changed.contains("Description")
                            ? (r.text("Description") == null ? "" : r.text("Description")) : null));
        }
        if (changed.contains("PolicyDocument") || changed.contains("PolicyEnabled")
                || changed.contains("SseSpecification")) {
            boolean on = policyOn(r);
            ec2.modifyVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id).policyEnabled(on)
                    .policyDocument(on ? r.text("PolicyDocument") : null)
                    .sseSpecification(VerifiedAccessSupport.shape(r, "SseSpecification",
                            VerifiedAccessSseSpecificationRequest.class)));
        }
        Ec2Support.retag(r, id);
        return created(describe(ec2, id));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        var g = Ec2Support.described(() -> ec2.describeVerifiedAccessGroups(b -> b.verifiedAccessGroupIds(
                r.physicalId())).verifiedAccessGroups(), found -> false);
        if (g == null) {
            return null;
        }
        var policy = ec2.getVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(r.physicalId()));
        return new Drift(r).put("VerifiedAccessInstanceId", g.verifiedAccessInstanceId())
                .put("Description", g.description()).put("PolicyDocument", policy.policyDocument())
                .put("PolicyEnabled", policy.policyEnabled()).result();
    }
}
