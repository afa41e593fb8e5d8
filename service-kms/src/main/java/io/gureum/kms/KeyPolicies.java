package io.gureum.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyRequest;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.ListKeyPoliciesRequest;
import software.amazon.awssdk.services.kms.model.ListKeyPoliciesResponse;
import software.amazon.awssdk.services.kms.model.PutKeyPolicyRequest;
import software.amazon.awssdk.services.kms.model.PutKeyPolicyResponse;

/**
 * Key policies: each key has one, named {@code default} (key-policies.html). Gureum stores and returns
 * them and checks they are JSON policy documents; it does not evaluate them.
 */
final class KeyPolicies {
    static final String DEFAULT = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyLookup lookup;

    KeyPolicies(KeyLookup lookup) {
        this.lookup = lookup;
    }

    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        checkName(request.policyName());
        return GetKeyPolicyResponse.builder().policy(key.policy).policyName(DEFAULT).build();
    }

    public PutKeyPolicyResponse putKeyPolicy(PutKeyPolicyRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        checkName(request.policyName());
        KeyLookup.requireNotPendingDeletion(key);
        checkDocument(request.policy());
        key.policy = request.policy();
        return PutKeyPolicyResponse.builder().build();
    }

    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        lookup.findKey(request.keyId());
        return ListKeyPoliciesResponse.builder().policyNames(List.of(DEFAULT)).truncated(false).build();
    }

    private static void checkName(String name) {
        if (name != null && !name.equals(DEFAULT)) {
            throw KmsErrors.notFound("No such policy exists");
        }
    }

    /** A policy must be a JSON object with a Statement (MalformedPolicyDocumentException otherwise). */
    static void checkDocument(String policy) {
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (java.io.IOException e) {
            throw KmsErrors.malformedPolicy("The key policy is not a valid JSON document.");
        }
        if (doc == null || !doc.isObject() || !doc.has("Statement")) {
            throw KmsErrors.malformedPolicy("The key policy has no Statement.");
        }
    }
}
