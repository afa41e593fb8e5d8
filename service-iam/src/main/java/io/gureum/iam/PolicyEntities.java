package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;

/** The groups, users and roles a managed policy is attached to, or is the permissions boundary of. */
final class PolicyEntities extends Family {
    private final Policies policies;

    private record Entity(String kind, Principal principal) {
        String key() {
            return kind + "\u0000" + IamStore.key(principal.name);
        }
    }

    PolicyEntities(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        String filter = r.entityFilterAsString();
        boolean boundary = "PermissionsBoundary".equals(r.policyUsageFilterAsString());
        boolean permissions = !boundary && r.policyUsageFilterAsString() != null;
        IamStore.Account account = account();
        synchronized (account) {
            ManagedPolicy policy = policies.find(account, r.policyArn());
            if (policy == null) {
                throw IamErrors.noSuchPolicy(r.policyArn());
            }
            List<Entity> found = new ArrayList<>();
            collect(found, "Group", account.groups.values(), policy.arn, filter, r.pathPrefix(), boundary, permissions);
            collect(found, "Role", account.roles.values(), policy.arn, filter, r.pathPrefix(), boundary, permissions);
            collect(found, "User", account.users.values(), policy.arn, filter, r.pathPrefix(), boundary, permissions);
            found.sort(Comparator.comparing(Entity::key));
            Paging<Entity> page = Paging.page(found, Entity::key, r.marker(), r.maxItems());
            List<PolicyGroup> groups = new ArrayList<>();
            List<PolicyUser> users = new ArrayList<>();
            List<PolicyRole> roles = new ArrayList<>();
            for (Entity e : page.items()) {
                Principal p = e.principal();
                switch (e.kind()) {
                    case "Group" -> groups.add(PolicyGroup.builder().groupName(p.name).groupId(p.id).build());
                    case "User" -> users.add(PolicyUser.builder().userName(p.name).userId(p.id).build());
                    default -> roles.add(PolicyRole.builder().roleName(p.name).roleId(p.id).build());
                }
            }
            return ListEntitiesForPolicyResponse.builder().policyGroups(groups).policyUsers(users).policyRoles(roles)
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    private static void collect(List<Entity> out, String kind, Iterable<? extends Principal> principals, String arn,
            String filter, String pathPrefix, boolean boundaryOnly, boolean permissionsOnly) {
        if (filter != null && List.of("User", "Role", "Group").contains(filter) && !filter.equals(kind)) {
            return;
        }
        for (Principal p : principals) {
            boolean attached = !boundaryOnly && p.attached.contains(arn);
            boolean bounded = !permissionsOnly && arn.equals(p.permissionsBoundary);
            if ((attached || bounded) && (pathPrefix == null || p.path.startsWith(pathPrefix))) {
                out.add(new Entity(kind, p));
            }
        }
    }
}
