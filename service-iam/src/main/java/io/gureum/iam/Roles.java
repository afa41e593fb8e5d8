package io.gureum.iam;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.RoleTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.*;

/** Roles: their lifecycle, trust policies, tags, attached and inline policies. */
final class Roles extends Family {
    private final PrincipalPolicies policies;

    Roles(ServiceContext context, IamStore store, PrincipalPolicies policies) {
        super(context, store);
        this.policies = policies;
    }

    CreateRoleResponse createRole(CreateRoleRequest r) {
        Validation v = Validation.check()
                .string("path", r.path(), 1, 512, Validation.PATH)
                .requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .requiredString("assumeRolePolicyDocument", r.assumeRolePolicyDocument(), 1, 131072, Validation.DOCUMENT)
                .string("description", r.description(), 0, 1000, Validation.DESCRIPTION)
                .range("maxSessionDuration", r.maxSessionDuration(), 3600, 43200)
                .string("permissionsBoundary", r.permissionsBoundary(), 20, 2048, null);
        Tags.validate(v, r.tags());
        v.done();
        PolicyDocuments.checkTrustPolicy(r.assumeRolePolicyDocument());
        IamStore.Account account = account();
        synchronized (account) {
            if (account.roles.containsKey(IamStore.key(r.roleName()))) {
                throw IamErrors.alreadyExists("Role with name " + r.roleName() + " already exists.");
            }
            if (r.permissionsBoundary() != null) {
                policies.attachable(account, r.permissionsBoundary());
            }
            String path = pathOrRoot(r.path());
            Role role = new Role(r.roleName(), path, ids.unique(IamIds.ROLE), arn(account.id, "role", path, r.roleName()),
                    now());
            role.trustPolicy = r.assumeRolePolicyDocument();
            role.description = r.description();
            if (r.maxSessionDuration() != null) {
                role.maxSessionDuration = r.maxSessionDuration();
            }
            Tags.apply(role.tags, r.tags());
            setBoundary(account, role, r.permissionsBoundary());
            account.roles.put(IamStore.key(role.name), role);
            return CreateRoleResponse.builder().role(full(role, false)).build();
        }
    }

    GetRoleResponse getRole(GetRoleRequest r) {
        checkName(r.roleName());
        IamStore.Account account = account();
        synchronized (account) {
            return GetRoleResponse.builder().role(full(require(account, r.roleName()), true)).build();
        }
    }

    ListRolesResponse listRoles(ListRolesRequest r) {
        Validation.check().string("pathPrefix", r.pathPrefix(), 1, 512, Validation.PATH_PREFIX)
                .paging(r.marker(), r.maxItems()).done();
        IamStore.Account account = account();
        synchronized (account) {
            List<Role> matching = new ArrayList<>();
            for (Role role : account.roles.values()) {
                if (r.pathPrefix() == null || role.path.startsWith(r.pathPrefix())) {
                    matching.add(role);
                }
            }
            matching.sort(Comparator.comparing(role -> IamStore.key(role.name)));
            Paging<Role> page = Paging.page(matching, role -> IamStore.key(role.name), r.marker(), r.maxItems());
            return ListRolesResponse.builder().roles(page.items().stream().map(Roles::listed).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    UpdateRoleResponse updateRole(UpdateRoleRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .string("description", r.description(), 0, 1000, Validation.DESCRIPTION)
                .range("maxSessionDuration", r.maxSessionDuration(), 3600, 43200).done();
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            if (r.description() != null) {
                role.description = r.description();
            }
            if (r.maxSessionDuration() != null) {
                role.maxSessionDuration = r.maxSessionDuration();
            }
            return UpdateRoleResponse.builder().build();
        }
    }

    UpdateRoleDescriptionResponse updateRoleDescription(UpdateRoleDescriptionRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .requiredString("description", r.description(), 0, 1000, Validation.DESCRIPTION).done();
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            role.description = r.description();
            return UpdateRoleDescriptionResponse.builder().role(full(role, false)).build();
        }
    }

    UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .requiredString("policyDocument", r.policyDocument(), 1, 131072, Validation.DOCUMENT).done();
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            PolicyDocuments.checkTrustPolicy(r.policyDocument());
            role.trustPolicy = r.policyDocument();
            return UpdateAssumeRolePolicyResponse.builder().build();
        }
    }

    DeleteRoleResponse deleteRole(DeleteRoleRequest r) {
        checkName(r.roleName());
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            for (InstanceProfile ip : account.instanceProfiles.values()) {
                if (ip.roles.contains(role)) {
                    throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
                }
            }
            PrincipalPolicies.checkDeletable(role);
            setBoundary(account, role, null);
            account.roles.remove(IamStore.key(role.name));
            return DeleteRoleResponse.builder().build();
        }
    }

    PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .requiredString("permissionsBoundary", r.permissionsBoundary(), 20, 2048, null).done();
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            policies.attachable(account, r.permissionsBoundary());
            setBoundary(account, role, r.permissionsBoundary());
            return PutRolePermissionsBoundaryResponse.builder().build();
        }
    }

    DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryRequest r) {
        checkName(r.roleName());
        IamStore.Account account = account();
        synchronized (account) {
            setBoundary(account, require(account, r.roleName()), null);
            return DeleteRolePermissionsBoundaryResponse.builder().build();
        }
    }

    // ---- tags ---------------------------------------------------------------------------------

    TagRoleResponse tagRole(TagRoleRequest r) {
        Validation v = Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .required("tags", r.hasTags() ? r.tags() : null);
        Tags.validate(v, r.tags());
        v.done();
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.roleName()).tags, r.tags());
            return TagRoleResponse.builder().build();
        }
    }

    UntagRoleResponse untagRole(UntagRoleRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .required("tagKeys", r.hasTagKeys() ? r.tagKeys() : null).maxSize("tagKeys", r.tagKeys(), 50).done();
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.roleName()).tags, r.tagKeys());
            return UntagRoleResponse.builder().build();
        }
    }

    ListRoleTagsResponse listRoleTags(ListRoleTagsRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .paging(r.marker(), r.maxItems()).done();
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.roleName()).tags, r.marker(), r.maxItems());
            return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- managed and inline policies ----------------------------------------------------------

    AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest r) {
        checkNameAndArn(r.roleName(), r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.attach(account, require(account, r.roleName()), "role", r.policyArn());
            return AttachRolePolicyResponse.builder().build();
        }
    }

    DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest r) {
        checkNameAndArn(r.roleName(), r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.detach(account, require(account, r.roleName()), r.policyArn());
            return DetachRolePolicyResponse.builder().build();
        }
    }

    ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .string("pathPrefix", r.pathPrefix(), 1, 512, Validation.POLICY_PATH)
                .paging(r.marker(), r.maxItems()).done();
        IamStore.Account account = account();
        synchronized (account) {
            Paging<AttachedPolicy> page = policies.listAttached(account, require(account, r.roleName()),
                    r.pathPrefix(), r.marker(), r.maxItems());
            return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .requiredString("policyName", r.policyName(), 1, 128, Validation.NAME)
                .requiredString("policyDocument", r.policyDocument(), 1, 131072, Validation.DOCUMENT).done();
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.put(require(account, r.roleName()), r.policyName(), r.policyDocument());
            return PutRolePolicyResponse.builder().build();
        }
    }

    GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest r) {
        checkNameAndPolicyName(r.roleName(), r.policyName());
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            Map.Entry<String, String> p = PrincipalPolicies.get(role, "role", r.policyName());
            return GetRolePolicyResponse.builder().roleName(role.name).policyName(p.getKey())
                    .policyDocument(PolicyDocuments.encode(p.getValue())).build();
        }
    }

    DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest r) {
        checkNameAndPolicyName(r.roleName(), r.policyName());
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.delete(require(account, r.roleName()), "role", r.policyName());
            return DeleteRolePolicyResponse.builder().build();
        }
    }

    ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest r) {
        Validation.check().requiredString("roleName", r.roleName(), 1, 64, Validation.NAME)
                .paging(r.marker(), r.maxItems()).done();
        IamStore.Account account = account();
        synchronized (account) {
            Paging<String> page = PrincipalPolicies.listInline(require(account, r.roleName()), r.marker(), r.maxItems());
            return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    /** The role with this ARN as other services see it (Lambda's execution-role check). */
    Optional<RoleTarget> target(Arn arn) {
        String resource = arn.resource();
        if (!resource.startsWith("role/")) {
            return Optional.empty();
        }
        IamStore.Account account = store.account(arn.accountId());
        synchronized (account) {
            Role role = account.roles.get(IamStore.key(resource.substring(resource.lastIndexOf('/') + 1)));
            if (role == null || !role.arn.equals(arn.toString())) {
                return Optional.empty();
            }
            String trust = role.trustPolicy;
            return Optional.of(() -> trust);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Caller holds the lock. */
    static Role require(IamStore.Account account, String name) {
        Role role = account.roles.get(IamStore.key(name));
        if (role == null) {
            throw IamErrors.noSuchRole(name);
        }
        return role;
    }

    static void checkName(String name) {
        Validation.check().requiredString("roleName", name, 1, 64, Validation.NAME).done();
    }

    private static void checkNameAndArn(String name, String arn) {
        Validation.check().requiredString("roleName", name, 1, 64, Validation.NAME)
                .requiredString("policyArn", arn, 20, 2048, null).done();
        Policies.checkArnShape(arn);
    }

    private static void checkNameAndPolicyName(String name, String policyName) {
        Validation.check().requiredString("roleName", name, 1, 64, Validation.NAME)
                .requiredString("policyName", policyName, 1, 128, Validation.NAME).done();
    }

    private void setBoundary(IamStore.Account account, Role role, String arn) {
        if (role.permissionsBoundary != null) {
            ManagedPolicy old = policies.find(account, role.permissionsBoundary);
            if (old != null) {
                old.boundaryUses--;
            }
        }
        role.permissionsBoundary = arn;
        if (arn != null) {
            policies.find(account, arn).boundaryUses++;
        }
    }

    /** The role as GetRole, CreateRole and UpdateRoleDescription answer it. */
    private static software.amazon.awssdk.services.iam.model.Role full(Role role, boolean withLastUsed) {
        software.amazon.awssdk.services.iam.model.Role.Builder b = base(role);
        if (role.permissionsBoundary != null) {
            b.permissionsBoundary(AttachedPermissionsBoundary.builder()
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                    .permissionsBoundaryArn(role.permissionsBoundary).build());
        }
        if (!role.tags.isEmpty()) {
            b.tags(Tags.toSdk(role.tags));
        }
        if (withLastUsed) {
            b.roleLastUsed(RoleLastUsed.builder().build());
        }
        return b.build();
    }

    /**
     * ListRoles leaves out PermissionsBoundary, Tags and RoleLastUsed
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html).
     */
    private static software.amazon.awssdk.services.iam.model.Role listed(Role role) {
        return base(role).build();
    }

    private static software.amazon.awssdk.services.iam.model.Role.Builder base(Role role) {
        return software.amazon.awssdk.services.iam.model.Role.builder().path(role.path).roleName(role.name)
                .roleId(role.id).arn(role.arn).createDate(role.created)
                .assumeRolePolicyDocument(PolicyDocuments.encode(role.trustPolicy)).description(role.description)
                .maxSessionDuration(role.maxSessionDuration);
    }
}
