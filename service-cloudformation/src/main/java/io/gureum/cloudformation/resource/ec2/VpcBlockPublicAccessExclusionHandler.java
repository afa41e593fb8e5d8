package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;

/**
 * {@code AWS::EC2::VPCBlockPublicAccessExclusion}: a VPC or subnet excluded from the account's VPC Block Public
 * Access mode. {@code Ref} and {@code Fn::GetAtt ExclusionId} give the exclusion's id. {@code VpcId} and
 * {@code SubnetId} replace it; {@code InternetGatewayExclusionMode} and {@code Tags} change in place. Create, update
 * and delete wait, on a timer without holding a thread, until EC2 reports {@code create-complete},
 * {@code update-complete} or {@code delete-complete}.
 */
public final class VpcBlockPublicAccessExclusionHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("InternetGatewayExclusionMode", "VpcId", "SubnetId", "Tags");
    static final Duration LIMIT = Duration.ofMinutes(15);

    @Override
    public String type() {
        return "AWS::EC2::VPCBlockPublicAccessExclusion";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId", "SubnetId");
    }

    private static List<VpcBlockPublicAccessExclusion> describe(ResourceRequest r, String id) {
        return ec2(r).describeVpcBlockPublicAccessExclusions(b -> b.exclusionIds(id)).vpcBlockPublicAccessExclusions();
    }

    private static CompletableFuture<Created> until(ResourceRequest r, String id, String state) {
        return Polling.until(() -> {
            VpcBlockPublicAccessExclusion e = describe(r, id).get(0);
            if (e.stateAsString().endsWith("-failed")) {
                return Polling.Outcome.failed("VPC Block Public Access exclusion " + id + " is " + e.stateAsString());
            }
            return state.equals(e.stateAsString()) ? Polling.Outcome.done(Created.of(id).attribute("ExclusionId", id))
                    : null;
        }, LIMIT, "VPC Block Public Access exclusion " + id + " did not reach " + state);
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createVpcBlockPublicAccessExclusion(b -> b.vpcId(r.text("VpcId")).subnetId(r.text("SubnetId"))
                .internetGatewayExclusionMode(r.requiredText("InternetGatewayExclusionMode"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_BLOCK_PUBLIC_ACCESS_EXCLUSION)))
                .vpcBlockPublicAccessExclusion().exclusionId();
        return until(r, id, "create-complete");
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.physicalId();
        Ec2Support.retag(r, id);
        if (!r.changedProperties().contains("InternetGatewayExclusionMode")) {
            return CompletableFuture.completedFuture(Created.of(id).attribute("ExclusionId", id));
        }
        ec2(r).modifyVpcBlockPublicAccessExclusion(b -> b.exclusionId(id)
                .internetGatewayExclusionMode(r.requiredText("InternetGatewayExclusionMode")));
        return until(r, id, "update-complete");
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        String id = r.physicalId();
        try {
            ec2(r).deleteVpcBlockPublicAccessExclusion(b -> b.exclusionId(id));
        } catch (AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return CompletableFuture.completedFuture(null);
            }
            throw e;
        }
        return Polling.until(() -> {
            List<VpcBlockPublicAccessExclusion> found;
            try {
                found = describe(r, id);
            } catch (AwsServiceException e) {
                if (Ec2Support.notFound(e)) {
                    return Polling.Outcome.done(null);
                }
                throw e;
            }
            return found.isEmpty() || "delete-complete".equals(found.get(0).stateAsString())
                    ? Polling.Outcome.<Void>done(null) : null;
        }, LIMIT, "VPC Block Public Access exclusion " + id + " did not reach delete-complete");
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        VpcBlockPublicAccessExclusion e = Ec2Support.described(() -> describe(r, r.physicalId()),
                found -> found.stateAsString().startsWith("delete-"));
        if (e == null) {
            return null;
        }
        return new Drift(r).put("InternetGatewayExclusionMode", e.internetGatewayExclusionModeAsString()).result();
    }
}
