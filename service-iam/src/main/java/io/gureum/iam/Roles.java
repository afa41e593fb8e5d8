package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.*;

/** Roles: their lifecycle, trust policies, tags, attached and inline policies. */
final class Roles extends Family {
    private final PrincipalPolicies policies;

    Roles(ServiceContext context, IamStore store, PrincipalPolicies policies) {
        super(context, store);
        this.policies = policies;
    }

    public CreateRoleResponse createRole(CreateRoleRequest r) {
        Tags.checkDuplicates(r.tags());
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
            role.tags.attach(context.registry(), account.id, "", "iam", role.id, io.gureum.core.ids.Arn.parse(role.arn));
            return CreateRoleResponse.builder().role(full(role, false)).build();
        }
    }

    public GetRoleResponse getRole(GetRoleRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return GetRoleResponse.builder().role(full(require(account, r.roleName()), true)).build();
        }
    }

    public ListRolesResponse listRoles(ListRolesRequest r) {
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

    public UpdateRoleResponse updateRole(UpdateRoleRequest r) {
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

    public UpdateRoleDescriptionResponse updateRoleDescription(UpdateRoleDescriptionRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            role.description = r.description();
            return UpdateRoleDescriptionResponse.builder().role(full(role, false)).build();
        }
    }

    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = modifiable(account, r.roleName());
            PolicyDocuments.checkTrustPolicy(r.policyDocument());
            role.trustPolicy = r.policyDocument();
            return UpdateAssumeRolePolicyResponse.builder().build();
        }
    }

    public DeleteRoleResponse deleteRole(DeleteRoleRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = modifiable(account, r.roleName());
            for (InstanceProfile ip : account.instanceProfiles.values()) {
                if (ip.roles.contains(role)) {
                    throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
                }
            }
            PrincipalPolicies.checkDeletable(role);
            setBoundary(account, role, null);
            account.roles.remove(IamStore.key(role.name));
            role.tags.detach();
            return DeleteRoleResponse.builder().build();
        }
    }

    public PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = modifiable(account, r.roleName());
            policies.attachable(account, r.permissionsBoundary());
            setBoundary(account, role, r.permissionsBoundary());
            return PutRolePermissionsBoundaryResponse.builder().build();
        }
    }

    public DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            setBoundary(account, modifiable(account, r.roleName()), null);
            return DeleteRolePermissionsBoundaryResponse.builder().build();
        }
    }

    // ---- tags ---------------------------------------------------------------------------------

    public TagRoleResponse tagRole(TagRoleRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.roleName()).tags, r.tags());
            return TagRoleResponse.builder().build();
        }
    }

    public UntagRoleResponse untagRole(UntagRoleRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.roleName()).tags, r.tagKeys());
            return UntagRoleResponse.builder().build();
        }
    }

    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.roleName()).tags, r.marker(), r.maxItems());
            return ListRoleTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- managed and inline policies ----------------------------------------------------------

    public AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.attach(account, modifiable(account, r.roleName()), "role", r.policyArn());
            return AttachRolePolicyResponse.builder().build();
        }
    }

    public DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.detach(account, modifiable(account, r.roleName()), r.policyArn());
            return DetachRolePolicyResponse.builder().build();
        }
    }

    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<AttachedPolicy> page = policies.listAttached(account, require(account, r.roleName()),
                    r.pathPrefix(), r.marker(), r.maxItems());
            return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.put(modifiable(account, r.roleName()), r.policyName(), r.policyDocument());
            return PutRolePolicyResponse.builder().build();
        }
    }

    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = require(account, r.roleName());
            Map.Entry<String, String> p = PrincipalPolicies.get(role, "role", r.policyName());
            return GetRolePolicyResponse.builder().roleName(role.name).policyName(p.getKey())
                    .policyDocument(PolicyDocuments.encode(p.getValue())).build();
        }
    }

    public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.delete(modifiable(account, r.roleName()), "role", r.policyName());
            return DeleteRolePolicyResponse.builder().build();
        }
    }

    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<String> page = PrincipalPolicies.listInline(require(account, r.roleName()), r.marker(), r.maxItems());
            return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Caller holds the lock. */
    /**
     * A role the caller may change: a service-linked role is protected
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html). Caller holds the lock.
     */
    static Role modifiable(IamStore.Account account, String name) {
        Role role = require(account, name);
        if (role.serviceLinked) {
            throw io.gureum.core.error.ModeledErrors.of(UnmodifiableEntityException.class, "Cannot perform the "
                    + "operation on the protected role '" + role.name + "' - this role is only modifiable by AWS");
        }
        return role;
    }

    static Role require(IamStore.Account account, String name) {
        Role role = account.roles.get(IamStore.key(name));
        if (role == null) {
            throw IamErrors.noSuchRole(name);
        }
        return role;
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
    static software.amazon.awssdk.services.iam.model.Role full(Role role, boolean withLastUsed) {
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
            b.roleLastUsed(RoleLastUsed.builder().lastUsedDate(role.lastUsed).region(role.lastUsedRegion).build());
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
