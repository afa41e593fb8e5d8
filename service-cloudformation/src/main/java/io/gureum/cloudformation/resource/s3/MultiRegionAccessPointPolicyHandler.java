package io.gureum.cloudformation.resource.s3;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * {@code AWS::S3::MultiRegionAccessPointPolicy}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-multiregionaccesspointpolicy.html).
 * {@code Ref} is the access point's name; {@code Fn::GetAtt PolicyStatus.IsPublic} is "true" or "false"
 * ({@code PolicyStatus} the object holding it).
 * {@code MrapName} replaces it; {@code Policy} changes in place (another asynchronous put). S3 has no operation
 * removing a Multi-Region Access Point's policy, and AWS's provider deletes the resource by reading only: the
 * policy stays on the access point, here too.
 */
public final class MultiRegionAccessPointPolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("MrapName", "Policy");

    @Override
    public String type() {
        return "AWS::S3::MultiRegionAccessPointPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("MrapName");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r, r.requiredText("MrapName"));
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r, r.physicalId());
    }

    private Created put(ResourceRequest r, String name) {
        Served.check(r, SERVED);
        String policy = Json.document(r.property("Policy"));
        if (policy == null) {
            throw new ResourceFailure("Property Policy cannot be empty.");
        }
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        String token = control.putMultiRegionAccessPointPolicy(p -> p.accountId(account).clientToken(MultiRegionAccessPointHandler.clientToken(r))
                .details(d -> d.name(name).policy(policy))).requestTokenARN();
        MultiRegionAccessPointHandler.outcome(control, account, token);
        boolean isPublic = control.getMultiRegionAccessPointPolicyStatus(s -> s.accountId(account).name(name))
                .established().isPublic();
        return Created.of(name).attribute("PolicyStatus", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("IsPublic", Boolean.toString(isPublic)))
                .attribute("PolicyStatus.IsPublic", Boolean.toString(isPublic));
    }

    /** Reads only, as AWS's provider does (there is no DeleteMultiRegionAccessPointPolicy). */
    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).getMultiRegionAccessPoint(g -> g.accountId(r.stack().accountId())
                    .name(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }
}
