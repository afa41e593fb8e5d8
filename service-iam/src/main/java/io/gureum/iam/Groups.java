package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.*;

/** Groups: their lifecycle, members, attached and inline policies. */
final class Groups extends Family {
    private final PrincipalPolicies policies;

    Groups(ServiceContext context, IamStore store, PrincipalPolicies policies) {
        super(context, store);
        this.policies = policies;
    }

    public CreateGroupResponse createGroup(CreateGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            if (account.groups.containsKey(IamStore.key(r.groupName()))) {
                throw IamErrors.alreadyExists("Group with name " + r.groupName() + " already exists.");
            }
            String path = pathOrRoot(r.path());
            Group group = new Group(r.groupName(), path, ids.unique(IamIds.GROUP),
                    arn(account.id, "group", path, r.groupName()), now());
            account.groups.put(IamStore.key(group.name), group);
            return CreateGroupResponse.builder().group(sdk(group)).build();
        }
    }

    /** The group and one page of its members. */
    public GetGroupResponse getGroup(GetGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            List<User> members = new ArrayList<>(group.users);
            members.sort(Comparator.comparing(u -> IamStore.key(u.name)));
            Paging<User> page = Paging.page(members, u -> IamStore.key(u.name), r.marker(), r.maxItems());
            return GetGroupResponse.builder().group(sdk(group)).users(page.items().stream().map(Groups::member).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public ListGroupsResponse listGroups(ListGroupsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<Group> matching = new ArrayList<>();
            for (Group g : account.groups.values()) {
                if (r.pathPrefix() == null || g.path.startsWith(r.pathPrefix())) {
                    matching.add(g);
                }
            }
            Paging<Group> page = page(matching, r.marker(), r.maxItems());
            return ListGroupsResponse.builder().groups(page.items().stream().map(Groups::sdk).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            List<Group> matching = new ArrayList<>();
            for (Group g : account.groups.values()) {
                if (g.users.contains(user)) {
                    matching.add(g);
                }
            }
            Paging<Group> page = page(matching, r.marker(), r.maxItems());
            return ListGroupsForUserResponse.builder().groups(page.items().stream().map(Groups::sdk).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    /** A new name or path: the ARN follows, the unique ID, members and policies stay. */
    public UpdateGroupResponse updateGroup(UpdateGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            String name = r.newGroupName() == null ? group.name : r.newGroupName();
            Group other = account.groups.get(IamStore.key(name));
            if (other != null && other != group) {
                throw IamErrors.alreadyExists("Group with name " + name + " already exists.");
            }
            account.groups.remove(IamStore.key(group.name));
            group.name = name;
            group.path = r.newPath() == null ? group.path : r.newPath();
            group.arn = arn(account.id, "group", group.path, group.name);
            account.groups.put(IamStore.key(group.name), group);
            return UpdateGroupResponse.builder().build();
        }
    }

    public DeleteGroupResponse deleteGroup(DeleteGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            if (!group.users.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            PrincipalPolicies.checkDeletable(group);
            account.groups.remove(IamStore.key(group.name));
            return DeleteGroupResponse.builder().build();
        }
    }

    /** Adding a member twice is no error. */
    public AddUserToGroupResponse addUserToGroup(AddUserToGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            group.users.add(Users.require(account, r.userName()));
            return AddUserToGroupResponse.builder().build();
        }
    }

    public RemoveUserFromGroupResponse removeUserFromGroup(RemoveUserFromGroupRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            User user = Users.require(account, r.userName());
            if (!group.users.remove(user)) {
                throw IamErrors.noSuchUser(r.userName());
            }
            return RemoveUserFromGroupResponse.builder().build();
        }
    }

    // ---- managed and inline policies ----------------------------------------------------------

    public AttachGroupPolicyResponse attachGroupPolicy(AttachGroupPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.attach(account, require(account, r.groupName()), "group", r.policyArn());
            return AttachGroupPolicyResponse.builder().build();
        }
    }

    public DetachGroupPolicyResponse detachGroupPolicy(DetachGroupPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.detach(account, require(account, r.groupName()), r.policyArn());
            return DetachGroupPolicyResponse.builder().build();
        }
    }

    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<AttachedPolicy> page = policies.listAttached(account, require(account, r.groupName()),
                    r.pathPrefix(), r.marker(), r.maxItems());
            return ListAttachedGroupPoliciesResponse.builder().attachedPolicies(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public PutGroupPolicyResponse putGroupPolicy(PutGroupPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.put(require(account, r.groupName()), r.policyName(), r.policyDocument());
            return PutGroupPolicyResponse.builder().build();
        }
    }

    public GetGroupPolicyResponse getGroupPolicy(GetGroupPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Group group = require(account, r.groupName());
            Map.Entry<String, String> p = PrincipalPolicies.get(group, "group", r.policyName());
            return GetGroupPolicyResponse.builder().groupName(group.name).policyName(p.getKey())
                    .policyDocument(PolicyDocuments.encode(p.getValue())).build();
        }
    }

    public DeleteGroupPolicyResponse deleteGroupPolicy(DeleteGroupPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.delete(require(account, r.groupName()), "group", r.policyName());
            return DeleteGroupPolicyResponse.builder().build();
        }
    }

    public ListGroupPoliciesResponse listGroupPolicies(ListGroupPoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<String> page = PrincipalPolicies.listInline(require(account, r.groupName()), r.marker(), r.maxItems());
            return ListGroupPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Whether a user belongs to any group: DeleteUser refuses then. Caller holds the lock. */
    static boolean isMember(IamStore.Account account, User user) {
        return account.groups.values().stream().anyMatch(g -> g.users.contains(user));
    }

    private static Group require(IamStore.Account account, String name) {
        Group group = account.groups.get(IamStore.key(name));
        if (group == null) {
            throw IamErrors.noSuchEntity("The group with name " + name + " cannot be found.");
        }
        return group;
    }

    private static Paging<Group> page(List<Group> groups, String marker, Integer maxItems) {
        groups.sort(Comparator.comparing(g -> IamStore.key(g.name)));
        return Paging.page(groups, g -> IamStore.key(g.name), marker, maxItems);
    }





    private static software.amazon.awssdk.services.iam.model.Group sdk(Group g) {
        return software.amazon.awssdk.services.iam.model.Group.builder().path(g.path).groupName(g.name)
                .groupId(g.id).arn(g.arn).createDate(g.created).build();
    }

    /** GetGroup's users, as ListUsers shows them. */
    private static software.amazon.awssdk.services.iam.model.User member(User u) {
        return software.amazon.awssdk.services.iam.model.User.builder().path(u.path).userName(u.name)
                .userId(u.id).arn(u.arn).createDate(u.created).build();
    }
}
