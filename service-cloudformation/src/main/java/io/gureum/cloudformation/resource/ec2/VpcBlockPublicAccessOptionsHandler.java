package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions;

/**
 * {@code AWS::EC2::VPCBlockPublicAccessOptions}: the account's VPC Block Public Access mode in the stack's Region
 * (ModifyVpcBlockPublicAccessOptions). {@code Ref} and {@code Fn::GetAtt AccountId} give the account ID,
 * {@code ExclusionsAllowed} whether exclusions are allowed. {@code InternetGatewayBlockMode} changes in place; create
 * and update wait, on a timer without holding a thread, until EC2 reports {@code update-complete}; delete turns the
 * mode {@code off} and waits the same way.
 */
public final class VpcBlockPublicAccessOptionsHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("InternetGatewayBlockMode");
    static final Duration LIMIT = Duration.ofMinutes(15);

    @Override
    public String type() {
        return "AWS::EC2::VPCBlockPublicAccessOptions";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    private static CompletableFuture<VpcBlockPublicAccessOptions> apply(ResourceRequest r, String mode) {
        ec2(r).modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode(mode));
        return Polling.until(() -> {
            VpcBlockPublicAccessOptions o = describe(r);
            return "update-complete".equals(o.stateAsString()) ? Polling.Outcome.done(o) : null;
        }, LIMIT, "VPC Block Public Access options did not reach update-complete");
    }

    private static VpcBlockPublicAccessOptions describe(ResourceRequest r) {
        return ec2(r).describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions();
    }

    private static Created created(VpcBlockPublicAccessOptions o) {
        return Created.of(o.awsAccountId()).attribute("AccountId", o.awsAccountId())
                .attribute("ExclusionsAllowed", o.exclusionsAllowedAsString());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        return apply(r, r.requiredText("InternetGatewayBlockMode")).thenApply(VpcBlockPublicAccessOptionsHandler::created);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        return createAsync(r);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        return apply(r, "off").thenApply(o -> null);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        return new Drift(r).put("InternetGatewayBlockMode", describe(r).internetGatewayBlockModeAsString()).result();
    }
}
