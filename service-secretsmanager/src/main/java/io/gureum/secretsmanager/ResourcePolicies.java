package io.gureum.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyRequest;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.ValidationErrorsEntry;

/**
 * Resource-based policies of secrets: stored as given and returned by GetResourcePolicy (which omits
 * ResourcePolicy when there is none). Gureum does not evaluate them on access.
 */
final class ResourcePolicies {
    private final SecretsStores stores;

    ResourcePolicies(SecretsStores stores) {
        this.stores = stores;
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        List<JsonNode> statements = PolicyChecks.statements(r.resourcePolicy());
        if (Boolean.TRUE.equals(r.blockPublicPolicy()) && PolicyChecks.grantsBroadAccess(statements)) {
            throw SecretsErrors.publicPolicy();
        }
        secret.resourcePolicy = r.resourcePolicy();
        secret.lastChangedDate = stores.now();
        return PutResourcePolicyResponse.builder().arn(secret.arn.toString()).name(secret.name).build();
    }

    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest r) {
        Secret secret = SecretLookup.live(stores.forSecret(r.secretId()), r.secretId());
        return GetResourcePolicyResponse.builder().arn(secret.arn.toString()).name(secret.name)
                .resourcePolicy(secret.source().resourcePolicy).build();
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        secret.resourcePolicy = null;
        secret.lastChangedDate = stores.now();
        return DeleteResourcePolicyResponse.builder().arn(secret.arn.toString()).name(secret.name).build();
    }

    /**
     * Checks a policy without attaching it: a malformed one is MalformedPolicyDocumentException, one that
     * grants broad access fails validation with an entry in ValidationErrors. SecretId is optional and, when
     * given, must name a secret.
     */
    public ValidateResourcePolicyResponse validateResourcePolicy(ValidateResourcePolicyRequest r) {
        if (r.secretId() != null) {
            SecretLookup.live(stores.forSecret(r.secretId()), r.secretId());
        }
        List<JsonNode> statements = PolicyChecks.statements(r.resourcePolicy());
        if (PolicyChecks.grantsBroadAccess(statements)) {
            return ValidateResourcePolicyResponse.builder().policyValidationPassed(false)
                    .validationErrors(ValidationErrorsEntry.builder().checkName(PolicyChecks.BROAD_ACCESS)
                            .errorMessage("The resource policy grants broad access to the secret: an Allow statement"
                                    + " applies to every principal without a condition that restricts it.")
                            .build())
                    .build();
        }
        return ValidateResourcePolicyResponse.builder().policyValidationPassed(true).validationErrors(List.of())
                .build();
    }
}
