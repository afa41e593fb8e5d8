package io.gureum.iam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * Managed policy attachments and inline policies of a role or a user. Callers hold the account's
 * lock. {@code kind} is "role" or "user", as AWS names them in messages.
 */
final class PrincipalPolicies {
    /** Managed policies per role or user (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
    static final int MAX_ATTACHED = 10;

    private final Policies policies;

    PrincipalPolicies(Policies policies) {
        this.policies = policies;
    }

    void attach(IamStore.Account account, Principal p, String kind, String arn) {
        ManagedPolicy policy = policies.attachable(account, arn);
        if (p.attached.contains(policy.arn)) {
            return;
        }
        if (p.attached.size() >= MAX_ATTACHED) {
            throw IamErrors.quota("PolicyAttachmentsPer" + capitalized(kind), MAX_ATTACHED);
        }
        p.attached.add(policy.arn);
        policy.attachments++;
    }

    ManagedPolicy attachable(IamStore.Account account, String arn) {
        return policies.attachable(account, arn);
    }

    ManagedPolicy find(IamStore.Account account, String arn) {
        return policies.find(account, arn);
    }

    void detach(IamStore.Account account, Principal p, String arn) {
        ManagedPolicy policy = policies.find(account, arn);
        if (policy == null || !p.attached.remove(arn)) {
            throw IamErrors.noSuchEntity("Policy " + arn + " was not found.");
        }
        policy.attachments--;
    }

    Paging<AttachedPolicy> listAttached(IamStore.Account account, Principal p, String pathPrefix, String marker,
            Integer maxItems) {
        List<AttachedPolicy> out = new ArrayList<>();
        for (String arn : p.attached) {
            ManagedPolicy policy = policies.find(account, arn);
            if (policy != null && (pathPrefix == null || policy.path.startsWith(pathPrefix))) {
                out.add(AttachedPolicy.builder().policyName(policy.name).policyArn(policy.arn).build());
            }
        }
        out.sort(Comparator.comparing(AttachedPolicy::policyName));
        return Paging.page(out, AttachedPolicy::policyName, marker, maxItems);
    }

    static void put(Principal p, String name, String document) {
        PolicyDocuments.checkPermissionsPolicy(document);
        checkAggregateSize(p, name, document);
        p.inline.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        p.inline.put(name, document);
    }

    /** A principal's inline policies together stay within its quota ({@link PolicyLimits}). */
    private static void checkAggregateSize(Principal p, String name, String document) {
        int total = PolicyLimits.size(document);
        for (Map.Entry<String, String> e : p.inline.entrySet()) {
            if (!e.getKey().equalsIgnoreCase(name)) {
                total += PolicyLimits.size(e.getValue());
            }
        }
        String kind = p instanceof Role ? "role" : p instanceof User ? "user" : "group";
        int max = p instanceof Role ? PolicyLimits.ROLE_INLINE : p instanceof User ? PolicyLimits.USER_INLINE
                : PolicyLimits.GROUP_INLINE;
        if (total > max) {
            throw IamErrors.limitExceeded("Maximum policy size of " + max + " bytes exceeded for " + kind + " " + p.name);
        }
    }

    static Map.Entry<String, String> get(Principal p, String kind, String name) {
        for (Map.Entry<String, String> e : p.inline.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw IamErrors.noSuchEntity("The " + kind + " policy with name " + name + " cannot be found.");
    }

    static void delete(Principal p, String kind, String name) {
        p.inline.remove(get(p, kind, name).getKey());
    }

    static Paging<String> listInline(Principal p, String marker, Integer maxItems) {
        return Paging.page(new ArrayList<>(p.inline.keySet()), s -> s, marker, maxItems);
    }

    /** A role or user can go once it has no inline and no attached policies. */
    static void checkDeletable(Principal p) {
        if (!p.inline.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!p.attached.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
