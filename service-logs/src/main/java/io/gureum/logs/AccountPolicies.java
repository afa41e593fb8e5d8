package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.AccountPolicy;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteAccountPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteAccountPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeAccountPoliciesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeAccountPoliciesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutAccountPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutAccountPolicyResponse;

/**
 * Account policies (API_PutAccountPolicy.html), stored as configuration by type and name: Gureum does not apply
 * them to the account's log groups. An account has one data protection policy (a new one replaces it);
 * {@code selectionCriteria} is for subscription filter, field index and transformer policies only.
 */
final class AccountPolicies {
    record Stored(String policyName, String policyDocument, long lastUpdatedTime, String policyType, String scope,
            String selectionCriteria, String accountId) {
    }

    private final LogsStores stores;

    AccountPolicies(LogsStores stores) {
        this.stores = stores;
    }

    public PutAccountPolicyResponse putAccountPolicy(PutAccountPolicyRequest request) {
        LogsStore store = stores.current();
        String type = request.policyTypeAsString();
        Policies.checkJson(request.policyDocument());
        if (request.selectionCriteria() != null && (type.equals("DATA_PROTECTION_POLICY")
                || type.equals("METRIC_EXTRACTION_POLICY") || type.equals("RETENTION_POLICY"))) {
            throw LogsErrors.invalidParameter("selectionCriteria is not supported for policy type " + type);
        }
        if (type.equals("DATA_PROTECTION_POLICY")) {
            DataProtection.check(Policies.checkJson(request.policyDocument()));
        }
        Stored stored = new Stored(request.policyName(), request.policyDocument(), stores.now(), type,
                request.scopeAsString() == null ? "ALL" : request.scopeAsString(), request.selectionCriteria(),
                store.account);
        if (Boolean.TRUE.equals(request.dryRun())) {
            return PutAccountPolicyResponse.builder().accountPolicy(describe(stored)).build();
        }
        ConcurrentNavigableMap<String, Stored> ofType = store.accountPolicies.computeIfAbsent(type,
                k -> new ConcurrentSkipListMap<>());
        synchronized (ofType) {
            if (type.equals("DATA_PROTECTION_POLICY")) {
                ofType.clear();
            }
            ofType.put(request.policyName(), stored);
        }
        return PutAccountPolicyResponse.builder().accountPolicy(describe(stored)).build();
    }

    public DescribeAccountPoliciesResponse describeAccountPolicies(DescribeAccountPoliciesRequest request) {
        LogsStore store = stores.current();
        if (request.hasAccountIdentifiers() && !request.accountIdentifiers().contains(store.account)) {
            return DescribeAccountPoliciesResponse.builder().accountPolicies(List.of()).build();
        }
        List<AccountPolicy> out = new ArrayList<>();
        ConcurrentNavigableMap<String, Stored> ofType = store.accountPolicies.get(request.policyTypeAsString());
        if (ofType != null) {
            for (Stored s : ofType.values()) {
                if (request.policyName() == null || request.policyName().equals(s.policyName())) {
                    out.add(describe(s));
                }
            }
        }
        return DescribeAccountPoliciesResponse.builder().accountPolicies(out).build();
    }

    public DeleteAccountPolicyResponse deleteAccountPolicy(DeleteAccountPolicyRequest request) {
        ConcurrentNavigableMap<String, Stored> ofType = stores.current().accountPolicies.get(request.policyTypeAsString());
        if (ofType == null || !ofType.containsKey(request.policyName())) {
            throw LogsErrors.notFound("The specified account policy does not exist.");
        }
        if (!Boolean.TRUE.equals(request.dryRun())) {
            ofType.remove(request.policyName());
        }
        return DeleteAccountPolicyResponse.builder().build();
    }

    private static AccountPolicy describe(Stored s) {
        return AccountPolicy.builder().policyName(s.policyName()).policyDocument(s.policyDocument())
                .lastUpdatedTime(s.lastUpdatedTime()).policyType(s.policyType()).scope(s.scope())
                .selectionCriteria(s.selectionCriteria()).accountId(s.accountId()).build();
    }
}
