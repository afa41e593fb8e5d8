package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.*;

/**
 * GetAccountAuthorizationDetails (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html):
 * users, groups, roles and managed policies with their policies, in that order, filtered by {@code Filter} and paged
 * over all four lists together. Managed policies are the account's own and the AWS managed ones in use (attached or
 * a permissions boundary). Policy documents are URL-encoded, as elsewhere.
 */
final class AuthorizationDetails extends Family {
    private final Policies policies;

    AuthorizationDetails(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    /** One entity of the answer, with the key it is paged by. */
    private record Item(String key, Object detail) {
    }

    public GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(
            GetAccountAuthorizationDetailsRequest r) {
        Set<String> filter = r.filterAsStrings().isEmpty() ? Set.of("User", "Group", "Role", "LocalManagedPolicy",
                "AWSManagedPolicy") : Set.copyOf(r.filterAsStrings());
        IamStore.Account account = account();
        synchronized (account) {
            List<Item> items = new ArrayList<>();
            if (filter.contains("User")) {
                sorted(account.users.values()).forEach(u -> items.add(new Item("0" + IamStore.key(u.name),
                        user(account, (User) u))));
            }
            if (filter.contains("Group")) {
                sorted(account.groups.values()).forEach(g -> items.add(new Item("1" + IamStore.key(g.name),
                        group(account, (Group) g))));
            }
            if (filter.contains("Role")) {
                sorted(account.roles.values()).forEach(ro -> items.add(new Item("2" + IamStore.key(ro.name),
                        role(account, (Role) ro))));
            }
            List<ManagedPolicy> managed = new ArrayList<>();
            if (filter.contains("LocalManagedPolicy")) {
                managed.addAll(account.policies.values());
            }
            if (filter.contains("AWSManagedPolicy")) {
                account.awsPolicies.values().stream().filter(p -> p.attachments > 0 || p.boundaryUses > 0)
                        .forEach(managed::add);
            }
            managed.sort(Comparator.comparing(p -> p.arn));
            managed.forEach(p -> items.add(new Item("3" + p.arn, policy(p))));
            Paging<Item> page = Paging.page(items, Item::key, r.marker(), r.maxItems());
            GetAccountAuthorizationDetailsResponse.Builder b = GetAccountAuthorizationDetailsResponse.builder()
                    .isTruncated(page.truncated()).marker(page.marker());
            b.userDetailList(of(page, UserDetail.class)).groupDetailList(of(page, GroupDetail.class))
                    .roleDetailList(of(page, RoleDetail.class)).policies(of(page, ManagedPolicyDetail.class));
            return b.build();
        }
    }

    private static List<? extends Principal> sorted(java.util.Collection<? extends Principal> all) {
        List<? extends Principal> out = new ArrayList<>(all);
        out.sort(Comparator.comparing(p -> IamStore.key(p.name)));
        return out;
    }

    private static <T> List<T> of(Paging<Item> page, Class<T> type) {
        return page.items().stream().map(Item::detail).filter(type::isInstance).map(type::cast).toList();
    }

    private UserDetail user(IamStore.Account account, User u) {
        List<String> groups = account.groups.values().stream().filter(g -> g.users.contains(u)).map(g -> g.name)
                .sorted().toList();
        return UserDetail.builder().path(u.path).userName(u.name).userId(u.id).arn(u.arn).createDate(u.created)
                .userPolicyList(inline(u)).groupList(groups).attachedManagedPolicies(attached(account, u))
                .permissionsBoundary(boundary(u)).tags(u.tags.isEmpty() ? null : Tags.toSdk(u.tags)).build();
    }

    private GroupDetail group(IamStore.Account account, Group g) {
        return GroupDetail.builder().path(g.path).groupName(g.name).groupId(g.id).arn(g.arn).createDate(g.created)
                .groupPolicyList(inline(g)).attachedManagedPolicies(attached(account, g)).build();
    }

    private RoleDetail role(IamStore.Account account, Role ro) {
        List<software.amazon.awssdk.services.iam.model.InstanceProfile> profiles = account.instanceProfiles.values()
                .stream().filter(ip -> ip.roles.contains(ro)).map(InstanceProfiles::sdk).toList();
        return RoleDetail.builder().path(ro.path).roleName(ro.name).roleId(ro.id).arn(ro.arn).createDate(ro.created)
                .assumeRolePolicyDocument(PolicyDocuments.encode(ro.trustPolicy)).instanceProfileList(profiles)
                .rolePolicyList(inline(ro)).attachedManagedPolicies(attached(account, ro))
                .permissionsBoundary(boundary(ro)).tags(ro.tags.isEmpty() ? null : Tags.toSdk(ro.tags))
                .roleLastUsed(RoleLastUsed.builder().lastUsedDate(ro.lastUsed).region(ro.lastUsedRegion).build())
                .build();
    }

    private static ManagedPolicyDetail policy(ManagedPolicy p) {
        List<PolicyVersion> versions = new ArrayList<>();
        for (ManagedPolicy.Version v : p.versions.values()) {
            versions.add(PolicyVersion.builder().versionId(v.id()).isDefaultVersion(v.id().equals(p.defaultVersion))
                    .createDate(v.created()).document(PolicyDocuments.encode(v.document())).build());
        }
        return ManagedPolicyDetail.builder().policyName(p.name).policyId(p.id).arn(p.arn).path(p.path)
                .defaultVersionId(p.defaultVersion).attachmentCount(p.attachments)
                .permissionsBoundaryUsageCount(p.boundaryUses).isAttachable(true).description(p.description)
                .createDate(p.created).updateDate(p.updated).policyVersionList(versions).build();
    }

    private static List<PolicyDetail> inline(Principal p) {
        List<PolicyDetail> out = new ArrayList<>();
        for (Map.Entry<String, String> e : p.inline.entrySet()) {
            out.add(PolicyDetail.builder().policyName(e.getKey()).policyDocument(PolicyDocuments.encode(e.getValue()))
                    .build());
        }
        return out;
    }

    private List<AttachedPolicy> attached(IamStore.Account account, Principal p) {
        List<AttachedPolicy> out = new ArrayList<>();
        for (String arn : p.attached) {
            ManagedPolicy m = policies.find(account, arn);
            if (m != null) {
                out.add(AttachedPolicy.builder().policyName(m.name).policyArn(m.arn).build());
            }
        }
        return out;
    }

    private static AttachedPermissionsBoundary boundary(Principal p) {
        return p.permissionsBoundary == null ? null : AttachedPermissionsBoundary.builder()
                .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                .permissionsBoundaryArn(p.permissionsBoundary).build();
    }
}
