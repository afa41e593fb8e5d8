package io.gureum.cloudformation.resource.ssm;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetResourcePoliciesResponseEntry;
import software.amazon.awssdk.services.ssm.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.ssm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyNotFoundException;

/**
 * {@code AWS::SSM::ResourcePolicy}. {@code Ref} and the {@code PolicyId} attribute are the policy's ID;
 * {@code PolicyHash} is the hash of its current text. A new {@code Policy} is put in place with the ID and
 * current hash; a new {@code ResourceArn} replaces it.
 */
public final class ResourcePolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ResourceArn", "Policy");

    @Override
    public String type() {
        return "AWS::SSM::ResourcePolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ResourceArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        PutResourcePolicyResponse p = r.client(SsmClient.class).putResourcePolicy(b -> b
                .resourceArn(r.requiredText("ResourceArn")).policy(Json.document(r.property("Policy"))));
        return created(p.policyId(), p.policyHash());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SsmClient ssm = r.client(SsmClient.class);
        String hash = current(ssm, r).policyHash();
        PutResourcePolicyResponse p = ssm.putResourcePolicy(b -> b.resourceArn(r.requiredText("ResourceArn"))
                .policy(Json.document(r.property("Policy"))).policyId(r.physicalId()).policyHash(hash));
        return created(p.policyId(), p.policyHash());
    }

    @Override
    public void delete(ResourceRequest r) {
        SsmClient ssm = r.client(SsmClient.class);
        try {
            GetResourcePoliciesResponseEntry p = current(ssm, r);
            ssm.deleteResourcePolicy(b -> b.resourceArn(r.text("ResourceArn")).policyId(p.policyId())
                    .policyHash(p.policyHash()));
        } catch (ResourceNotFoundException | ResourcePolicyNotFoundException gone) {
            // The resource or the policy is already gone.
        }
    }

    /** The policy as SSM holds it now (for its current hash). */
    private static GetResourcePoliciesResponseEntry current(SsmClient ssm, ResourceRequest r) {
        String arn = r.previousProperties() != null && r.previousProperties().hasNonNull("ResourceArn")
                ? r.previousProperties().get("ResourceArn").asText() : r.text("ResourceArn");
        return ssm.getResourcePoliciesPaginator(b -> b.resourceArn(arn)).policies().stream()
                .filter(p -> p.policyId().equals(r.physicalId())).findFirst()
                .orElseThrow(() -> software.amazon.awssdk.services.ssm.model.ResourcePolicyNotFoundException.builder()
                        .message("No policies with the specified policy ID and hash could be found.").build());
    }

    private static Created created(String id, String hash) {
        return Created.of(id).attribute("PolicyId", id).attribute("PolicyHash", hash);
    }
}
