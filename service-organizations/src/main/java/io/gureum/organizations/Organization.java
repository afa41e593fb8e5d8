package io.gureum.organizations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One organization: its root, OUs, member accounts, policies and their attachments, delegated
 * administrators and trusted services. Mutated only under {@link OrgStore}'s lock.
 */
final class Organization {
    final String id;
    final String arn;
    final String featureSet;
    final String managementAccountId;
    final String rootId;
    final String rootArn;
    /** Policy types enabled on the root, in enabling order. */
    final Set<String> enabledPolicyTypes = new LinkedHashSet<>();
    final Map<String, Member> accounts = new LinkedHashMap<>();
    final Map<String, OrgUnit> units = new LinkedHashMap<>();
    /** Customer managed policies by ID (AWS managed ones live in {@link AwsManagedPolicies}). */
    final Map<String, OrgPolicy> policies = new LinkedHashMap<>();
    /** The parent (root or OU ID) of every account and OU. */
    final Map<String, String> parents = new LinkedHashMap<>();
    /** Policy IDs attached to each target (root, OU or account ID), in attaching order. */
    final Map<String, Set<String>> attachments = new LinkedHashMap<>();
    /** Service principal -> account ID -> when it was registered. */
    final Map<String, Map<String, Instant>> delegatedAdministrators = new LinkedHashMap<>();
    final Map<String, Instant> serviceAccess = new LinkedHashMap<>();
    final List<AccountCreation> creations = new ArrayList<>();
    String resourcePolicy;
    String resourcePolicyId;

    Organization(String id, String featureSet, String managementAccountId, String rootId) {
        this.id = id;
        this.featureSet = featureSet;
        this.managementAccountId = managementAccountId;
        this.rootId = rootId;
        this.arn = "arn:aws:organizations::" + managementAccountId + ":organization/" + id;
        this.rootArn = "arn:aws:organizations::" + managementAccountId + ":root/" + id + "/" + rootId;
    }

    String accountArn(String accountId) {
        return "arn:aws:organizations::" + managementAccountId + ":account/" + id + "/" + accountId;
    }

    String unitArn(String unitId) {
        return "arn:aws:organizations::" + managementAccountId + ":ou/" + id + "/" + unitId;
    }

    String policyArn(String type, String policyId) {
        return "arn:aws:organizations::" + managementAccountId + ":policy/" + id + "/" + type.toLowerCase() + "/"
                + policyId;
    }

    String handshakeArn(String handshakeId) {
        return "arn:aws:organizations::" + managementAccountId + ":handshake/" + id + "/invite/" + handshakeId;
    }

    boolean isParent(String parentId) {
        return rootId.equals(parentId) || units.containsKey(parentId);
    }

    /** The chain of parents from the root down to (not including) {@code childId}. */
    List<String> ancestors(String childId) {
        List<String> chain = new ArrayList<>();
        for (String p = parents.get(childId); p != null; p = parents.get(p)) {
            chain.add(0, p);
        }
        return chain;
    }

    /** How many OU levels lie under the root down to {@code parentId} itself (the root is 0). */
    int depth(String parentId) {
        return rootId.equals(parentId) ? 0 : ancestors(parentId).size();
    }

    List<String> children(String parentId) {
        List<String> out = new ArrayList<>();
        parents.forEach((child, parent) -> {
            if (parent.equals(parentId)) {
                out.add(child);
            }
        });
        return out;
    }

    Set<String> attached(String targetId) {
        return attachments.computeIfAbsent(targetId, k -> new LinkedHashSet<>());
    }
}
