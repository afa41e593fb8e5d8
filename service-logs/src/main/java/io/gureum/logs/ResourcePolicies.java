package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.ResourceIds;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeResourcePoliciesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeResourcePoliciesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OperationAbortedException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PolicyScope;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourcePolicy;

/**
 * Resource policies (API_PutResourcePolicy.html): "An account can have a maximum of 10 policies without
 * resourceARN and one per LogGroup resourceARN". A log group's policy carries a revision ID that its updates and
 * deletion must name ({@code expectedRevisionId}), else OperationAbortedException. Stored as configuration:
 * Gureum's service principals write logs without consulting them.
 */
final class ResourcePolicies {
    static final int MAX_ACCOUNT_POLICIES = 10;

    record Stored(String policyName, String policyDocument, long lastUpdatedTime, String scope, String resourceArn,
            String revisionId) {
    }

    private final LogsStores stores;
    private final ResourceIds ids;

    ResourcePolicies(LogsStores stores, ResourceIds ids) {
        this.stores = stores;
        this.ids = ids;
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        LogsStore store = stores.current();
        Policies.checkJson(request.policyDocument());
        String revision = ids.hex(32);
        Stored stored;
        if (request.resourceArn() == null) {
            if (request.policyName() == null) {
                throw LogsErrors.invalidParameter("policyName is required");
            }
            synchronized (store.accountResourcePolicies) {
                if (!store.accountResourcePolicies.containsKey(request.policyName())
                        && store.accountResourcePolicies.size() >= MAX_ACCOUNT_POLICIES) {
                    throw ModeledErrors.of(LimitExceededException.class, "Resource limit exceeded.");
                }
                stored = new Stored(request.policyName(), request.policyDocument(), stores.now(), "ACCOUNT", null,
                        revision);
                store.accountResourcePolicies.put(request.policyName(), stored);
            }
        } else {
            LogGroup group = Identifiers.group(store, null, request.resourceArn());
            String key = group.logGroupArn();
            synchronized (store.groupResourcePolicies) {
                checkRevision(store.groupResourcePolicies.get(key), request.expectedRevisionId());
                stored = new Stored(request.policyName(), request.policyDocument(), stores.now(), "RESOURCE", key,
                        revision);
                store.groupResourcePolicies.put(key, stored);
            }
        }
        return PutResourcePolicyResponse.builder().resourcePolicy(describe(stored)).revisionId(revision).build();
    }

    private static void checkRevision(Stored current, String expected) {
        String actual = current == null ? null : current.revisionId();
        if (actual == null ? expected != null : !actual.equals(expected)) {
            throw ModeledErrors.of(OperationAbortedException.class,
                    "The expected revision ID does not match the current revision ID of the resource policy.");
        }
    }

    public DescribeResourcePoliciesResponse describeResourcePolicies(DescribeResourcePoliciesRequest request) {
        LogsStore store = stores.current();
        String scope = request.policyScopeAsString() == null ? "ACCOUNT" : request.policyScopeAsString();
        NavigableMap<String, Stored> source;
        if (request.resourceArn() != null) {
            LogGroup group = Identifiers.group(store, null, request.resourceArn());
            Stored one = store.groupResourcePolicies.get(group.logGroupArn());
            source = new java.util.TreeMap<>();
            if (one != null) {
                source.put(group.logGroupArn(), one);
            }
        } else {
            source = scope.equals(PolicyScope.RESOURCE.toString()) ? store.groupResourcePolicies
                    : store.accountResourcePolicies;
        }
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("resourcePolicies", request.nextToken());
        List<ResourcePolicy> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (var e : (after == null ? source : source.tailMap(after, false)).entrySet()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(e.getValue()));
            last = e.getKey();
        }
        return DescribeResourcePoliciesResponse.builder().resourcePolicies(page)
                .nextToken(more ? PageTokens.encode("resourcePolicies", last) : null).build();
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
        LogsStore store = stores.current();
        if (request.resourceArn() == null) {
            if (request.policyName() == null || store.accountResourcePolicies.remove(request.policyName()) == null) {
                throw notFound(request.policyName());
            }
        } else {
            LogGroup group = Identifiers.group(store, null, request.resourceArn());
            synchronized (store.groupResourcePolicies) {
                Stored current = store.groupResourcePolicies.get(group.logGroupArn());
                if (current == null) {
                    throw notFound(request.policyName());
                }
                checkRevision(current, request.expectedRevisionId());
                store.groupResourcePolicies.remove(group.logGroupArn());
            }
        }
        return DeleteResourcePolicyResponse.builder().build();
    }

    private static RuntimeException notFound(String name) {
        return LogsErrors.notFound("Policy with name [" + name + "] does not exist");
    }

    private static ResourcePolicy describe(Stored s) {
        return ResourcePolicy.builder().policyName(s.policyName()).policyDocument(s.policyDocument())
                .lastUpdatedTime(s.lastUpdatedTime()).policyScope(s.scope()).resourceArn(s.resourceArn())
                .revisionId(s.revisionId()).build();
    }
}
