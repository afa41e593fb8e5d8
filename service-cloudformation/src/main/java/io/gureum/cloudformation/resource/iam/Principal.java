package io.gureum.cloudformation.resource.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A role, user or group's policies: the inline {@code Policies} and the {@code ManagedPolicyArns}, set on
 * create, changed on update by their difference, removed before the principal is deleted (IAM refuses to
 * delete a principal that still has policies: DeleteConflict).
 */
abstract class Principal {
    abstract void put(IamClient iam, String name, String policyName, String document);

    abstract void deleteInline(IamClient iam, String name, String policyName);

    abstract void attach(IamClient iam, String name, String arn);

    abstract void detach(IamClient iam, String name, String arn);

    abstract List<String> inlineNames(IamClient iam, String name);

    abstract List<String> attachedArns(IamClient iam, String name);

    /** Applies {@code Policies} and {@code ManagedPolicyArns}: all on create, the changes on update. */
    final void apply(ResourceRequest r, String name) {
        IamClient iam = IamSupport.iam(r);
        JsonNode previous = r.previousProperties();
        Set<String> changed = previous == null ? null : r.changedProperties();
        if (changed == null || changed.contains("Policies")) {
            Map<String, String> before = previous == null ? Map.of() : IamSupport.inline(previous.get("Policies"));
            Map<String, String> after = IamSupport.inline(r.property("Policies"));
            before.keySet().stream().filter(n -> !after.containsKey(n))
                    .forEach(n -> IamSupport.deleting(() -> deleteInline(iam, name, n)));
            after.forEach((n, doc) -> {
                if (!Objects.equals(before.get(n), doc)) {
                    put(iam, name, n, doc);
                }
            });
        }
        if (changed == null || changed.contains("ManagedPolicyArns")) {
            List<String> before = previous == null ? List.of() : IamSupport.strings(previous.get("ManagedPolicyArns"));
            List<String> after = IamSupport.strings(r.property("ManagedPolicyArns"));
            IamSupport.minus(before, after).forEach(arn -> IamSupport.deleting(() -> detach(iam, name, arn)));
            IamSupport.minus(after, before).forEach(arn -> attach(iam, name, arn));
        }
    }

    /** Removes every inline and attached policy, whoever added them. */
    final void strip(IamClient iam, String name) {
        inlineNames(iam, name).forEach(n -> IamSupport.deleting(() -> deleteInline(iam, name, n)));
        attachedArns(iam, name).forEach(arn -> IamSupport.deleting(() -> detach(iam, name, arn)));
    }

    static final Principal ROLE = new Principal() {
        @Override
        void put(IamClient iam, String name, String policyName, String document) {
            iam.putRolePolicy(b -> b.roleName(name).policyName(policyName).policyDocument(document));
        }

        @Override
        void deleteInline(IamClient iam, String name, String policyName) {
            iam.deleteRolePolicy(b -> b.roleName(name).policyName(policyName));
        }

        @Override
        void attach(IamClient iam, String name, String arn) {
            iam.attachRolePolicy(b -> b.roleName(name).policyArn(arn));
        }

        @Override
        void detach(IamClient iam, String name, String arn) {
            iam.detachRolePolicy(b -> b.roleName(name).policyArn(arn));
        }

        @Override
        List<String> inlineNames(IamClient iam, String name) {
            return iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream().toList();
        }

        @Override
        List<String> attachedArns(IamClient iam, String name) {
            return iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().stream()
                    .map(p -> p.policyArn()).toList();
        }
    };

    static final Principal USER = new Principal() {
        @Override
        void put(IamClient iam, String name, String policyName, String document) {
            iam.putUserPolicy(b -> b.userName(name).policyName(policyName).policyDocument(document));
        }

        @Override
        void deleteInline(IamClient iam, String name, String policyName) {
            iam.deleteUserPolicy(b -> b.userName(name).policyName(policyName));
        }

        @Override
        void attach(IamClient iam, String name, String arn) {
            iam.attachUserPolicy(b -> b.userName(name).policyArn(arn));
        }

        @Override
        void detach(IamClient iam, String name, String arn) {
            iam.detachUserPolicy(b -> b.userName(name).policyArn(arn));
        }

        @Override
        List<String> inlineNames(IamClient iam, String name) {
            return iam.listUserPoliciesPaginator(b -> b.userName(name)).policyNames().stream().toList();
        }

        @Override
        List<String> attachedArns(IamClient iam, String name) {
            return iam.listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies().stream()
                    .map(p -> p.policyArn()).toList();
        }
    };

    static final Principal GROUP = new Principal() {
        @Override
        void put(IamClient iam, String name, String policyName, String document) {
            iam.putGroupPolicy(b -> b.groupName(name).policyName(policyName).policyDocument(document));
        }

        @Override
        void deleteInline(IamClient iam, String name, String policyName) {
            iam.deleteGroupPolicy(b -> b.groupName(name).policyName(policyName));
        }

        @Override
        void attach(IamClient iam, String name, String arn) {
            iam.attachGroupPolicy(b -> b.groupName(name).policyArn(arn));
        }

        @Override
        void detach(IamClient iam, String name, String arn) {
            iam.detachGroupPolicy(b -> b.groupName(name).policyArn(arn));
        }

        @Override
        List<String> inlineNames(IamClient iam, String name) {
            return iam.listGroupPoliciesPaginator(b -> b.groupName(name)).policyNames().stream().toList();
        }

        @Override
        List<String> attachedArns(IamClient iam, String name) {
            return iam.listAttachedGroupPoliciesPaginator(b -> b.groupName(name)).attachedPolicies().stream()
                    .map(p -> p.policyArn()).toList();
        }
    };
}
