package io.gureum.cloudformation.resource.s3objectlambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * {@code AWS::S3ObjectLambda::AccessPointPolicy} through S3 Control
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3objectlambda-accesspointpolicy.html).
 * {@code Ref} is the Object Lambda access point's name (the type's identifier); it has no {@code Fn::GetAtt}
 * attributes. {@code ObjectLambdaAccessPoint} replaces it; {@code PolicyDocument} changes in place. Deleting it
 * removes the policy.
 */
public final class AccessPointPolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ObjectLambdaAccessPoint", "PolicyDocument");

    @Override
    public String type() {
        return "AWS::S3ObjectLambda::AccessPointPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ObjectLambdaAccessPoint");
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r, r.requiredText("ObjectLambdaAccessPoint"));
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r, r.physicalId());
    }

    private Created put(ResourceRequest r, String name) {
        Served.check(r, SERVED);
        String policy = Json.document(r.property("PolicyDocument"));
        if (policy == null) {
            throw new ResourceFailure("Property PolicyDocument cannot be empty.");
        }
        r.client(S3ControlClient.class).putAccessPointPolicyForObjectLambda(p -> p.accountId(r.stack().accountId())
                .name(name).policy(policy));
        return Created.of(name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessPointPolicyForObjectLambda(d -> d
                    .accountId(r.stack().accountId()).name(r.physicalId()));
        } catch (AwsServiceException e) { // the access point (or its policy) already gone
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        String policy;
        try {
            policy = r.client(S3ControlClient.class).getAccessPointPolicyForObjectLambda(g -> g
                    .accountId(r.stack().accountId()).name(r.physicalId())).policy();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
        return new Drift(r).put("ObjectLambdaAccessPoint", r.physicalId()).put("PolicyDocument", policy).result();
    }
}
