package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDataProtectionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDataProtectionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDataProtectionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDataProtectionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDataProtectionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDataProtectionPolicyResponse;

/**
 * Data protection policies of log groups, stored as configuration: Gureum does not mask the data they name.
 * The document must hold the two statements API_PutDataProtectionPolicy.html requires, the first with an
 * {@code Audit} operation and the second with a {@code Deidentify} operation, each with a {@code DataIdentifier}
 * list. DescribeLogGroups reports {@code dataProtectionStatus} ACTIVATED, then DELETED once deleted.
 */
final class DataProtection {
    private final LogsStores stores;

    DataProtection(LogsStores stores) {
        this.stores = stores;
    }

    public PutDataProtectionPolicyResponse putDataProtectionPolicy(PutDataProtectionPolicyRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        check(Policies.checkJson(request.policyDocument()));
        LogGroup.StoredPolicy policy = new LogGroup.StoredPolicy(request.policyDocument(), stores.now());
        group.dataProtectionPolicy = policy;
        return PutDataProtectionPolicyResponse.builder().logGroupIdentifier(request.logGroupIdentifier())
                .policyDocument(policy.policyDocument()).lastUpdatedTime(policy.lastUpdatedTime()).build();
    }

    static void check(JsonNode policy) {
        JsonNode statements = policy.path("Statement");
        if (!statements.isArray() || statements.size() != 2
                || !statements.get(0).path("Operation").has("Audit")
                || !statements.get(1).path("Operation").has("Deidentify")
                || !statements.get(0).path("DataIdentifier").isArray()
                || !statements.get(1).path("DataIdentifier").isArray()) {
            throw LogsErrors.invalidParameter("A data protection policy must contain two statements: the first with "
                    + "a DataIdentifier array and an Audit operation, the second with a DataIdentifier array and a "
                    + "Deidentify operation");
        }
    }

    /** A group without a policy answers an empty response, not an error. */
    public GetDataProtectionPolicyResponse getDataProtectionPolicy(GetDataProtectionPolicyRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        LogGroup.StoredPolicy p = group.dataProtectionPolicy;
        GetDataProtectionPolicyResponse.Builder b = GetDataProtectionPolicyResponse.builder()
                .logGroupIdentifier(request.logGroupIdentifier());
        if (p != null) {
            b.policyDocument(p.policyDocument()).lastUpdatedTime(p.lastUpdatedTime());
        }
        return b.build();
    }

    public DeleteDataProtectionPolicyResponse deleteDataProtectionPolicy(DeleteDataProtectionPolicyRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        if (group.dataProtectionPolicy == null) {
            throw LogsErrors.notFound("The specified data protection policy does not exist.");
        }
        group.dataProtectionPolicy = null;
        group.dataProtectionDeleted = true;
        return DeleteDataProtectionPolicyResponse.builder().build();
    }
}
