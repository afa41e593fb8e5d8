package io.gureum.iam;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.*;

/** Users: lifecycle, tags, attached and inline policies. Their access keys are {@link AccessKeys}'. */
final class Users extends Family {
    private final PrincipalPolicies policies;

    Users(ServiceContext context, IamStore store, PrincipalPolicies policies) {
        super(context, store);
        this.policies = policies;
    }

    public CreateUserResponse createUser(CreateUserRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            if (account.users.containsKey(IamStore.key(r.userName()))) {
                throw IamErrors.alreadyExists("User with name " + r.userName() + " already exists.");
            }
            ManagedPolicy boundary = r.permissionsBoundary() == null ? null
                    : policies.attachable(account, r.permissionsBoundary());
            String path = pathOrRoot(r.path());
            User user = new User(r.userName(), path, ids.unique(IamIds.USER), arn(account.id, "user", path, r.userName()),
                    now());
            Tags.apply(user.tags, r.tags());
            if (boundary != null) {
                user.permissionsBoundary = boundary.arn;
                boundary.boundaryUses++;
            }
            account.users.put(IamStore.key(user.name), user);
            // STS finds a signing user's unique ID here (GetCallerIdentity's UserId).
            user.tags.attach(context.registry(), account.id, "", "iam", user.id, io.gureum.core.ids.Arn.parse(user.arn));
            return CreateUserResponse.builder().user(full(user)).build();
        }
    }

    /** Without a name: the user whose access key signed the request, or the account's root user. */
    public GetUserResponse getUser(GetUserRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            if (r.userName() != null) {
                return GetUserResponse.builder().user(full(require(account, r.userName()))).build();
            }
            User caller = caller(account);
            if (caller != null) {
                return GetUserResponse.builder().user(full(caller)).build();
            }
            StsSession session = StsSessions.current(context).get(RequestContext.current().accessKeyId());
            if (session != null && session.kind() != StsSession.Kind.SESSION_TOKEN
                    && session.kind() != StsSession.Kind.ROOT_TASK) {
                // An assumed role or a federated user is no IAM user.
                throw IamErrors.validation("Must specify userName when calling with non-User credentials");
            }
            if (session != null && session.arn().contains(":user/")) {
                // GetSessionToken's credentials are their user.
                String name = session.arn().substring(session.arn().lastIndexOf('/') + 1);
                return GetUserResponse.builder().user(full(require(account, name))).build();
            }
            return GetUserResponse.builder().user(software.amazon.awssdk.services.iam.model.User.builder()
                    .userId(account.id).arn(arn(account.id, "root", "", "")).createDate(now()).build()).build();
        }
    }

    public ListUsersResponse listUsers(ListUsersRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<User> matching = new ArrayList<>();
            for (User u : account.users.values()) {
                if (r.pathPrefix() == null || u.path.startsWith(r.pathPrefix())) {
                    matching.add(u);
                }
            }
            matching.sort(Comparator.comparing(u -> IamStore.key(u.name)));
            Paging<User> page = Paging.page(matching, u -> IamStore.key(u.name), r.marker(), r.maxItems());
            return ListUsersResponse.builder().users(page.items().stream().map(Users::listed).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    /** A new name or path: the ARN follows, the unique ID and everything attached stay. */
    public UpdateUserResponse updateUser(UpdateUserRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = require(account, r.userName());
            String name = r.newUserName() == null ? user.name : r.newUserName();
            User other = account.users.get(IamStore.key(name));
            if (other != null && other != user) {
                throw IamErrors.alreadyExists("User with name " + name + " already exists.");
            }
            account.users.remove(IamStore.key(user.name));
            user.name = name;
            user.path = r.newPath() == null ? user.path : r.newPath();
            user.arn = arn(account.id, "user", user.path, user.name);
            account.users.put(IamStore.key(user.name), user);
            user.tags.move(account.id, "", "iam", user.id, io.gureum.core.ids.Arn.parse(user.arn));
            return UpdateUserResponse.builder().build();
        }
    }

    public DeleteUserResponse deleteUser(DeleteUserRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = require(account, r.userName());
            if (user.loginProfile != null) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete login profile first.");
            }
            if (!MfaDevices.devicesOf(account, user).isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete MFA device first.");
            }
            if (!user.signingCertificates.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete signing certificates first.");
            }
            if (!user.sshPublicKeys.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete SSH public keys first.");
            }
            if (!user.serviceCredentials.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete service specific credentials first.");
            }
            if (!user.keys.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            PrincipalPolicies.checkDeletable(user);
            if (Groups.isMember(account, user)) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            setBoundary(account, user, null);
            account.users.remove(IamStore.key(user.name));
            user.tags.detach();
            return DeleteUserResponse.builder().build();
        }
    }

    public PutUserPermissionsBoundaryResponse putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = require(account, r.userName());
            ManagedPolicy boundary = policies.attachable(account, r.permissionsBoundary());
            setBoundary(account, user, boundary.arn);
            return PutUserPermissionsBoundaryResponse.builder().build();
        }
    }

    public DeleteUserPermissionsBoundaryResponse deleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            setBoundary(account, require(account, r.userName()), null);
            return DeleteUserPermissionsBoundaryResponse.builder().build();
        }
    }

    private void setBoundary(IamStore.Account account, User user, String arn) {
        if (user.permissionsBoundary != null) {
            ManagedPolicy old = policies.find(account, user.permissionsBoundary);
            if (old != null) {
                old.boundaryUses--;
            }
        }
        user.permissionsBoundary = arn;
        if (arn != null) {
            policies.find(account, arn).boundaryUses++;
        }
    }

    // ---- tags ---------------------------------------------------------------------------------

    public TagUserResponse tagUser(TagUserRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.userName()).tags, r.tags());
            return TagUserResponse.builder().build();
        }
    }

    public UntagUserResponse untagUser(UntagUserRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.userName()).tags, r.tagKeys());
            return UntagUserResponse.builder().build();
        }
    }

    public ListUserTagsResponse listUserTags(ListUserTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.userName()).tags, r.marker(), r.maxItems());
            return ListUserTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- managed and inline policies ----------------------------------------------------------

    public AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.attach(account, require(account, r.userName()), "user", r.policyArn());
            return AttachUserPolicyResponse.builder().build();
        }
    }

    public DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest r) {
        Policies.checkArnShape(r.policyArn());
        IamStore.Account account = account();
        synchronized (account) {
            policies.detach(account, require(account, r.userName()), r.policyArn());
            return DetachUserPolicyResponse.builder().build();
        }
    }

    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<AttachedPolicy> page = policies.listAttached(account, require(account, r.userName()),
                    r.pathPrefix(), r.marker(), r.maxItems());
            return ListAttachedUserPoliciesResponse.builder().attachedPolicies(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.put(require(account, r.userName()), r.policyName(), r.policyDocument());
            return PutUserPolicyResponse.builder().build();
        }
    }

    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = require(account, r.userName());
            Map.Entry<String, String> p = PrincipalPolicies.get(user, "user", r.policyName());
            return GetUserPolicyResponse.builder().userName(user.name).policyName(p.getKey())
                    .policyDocument(PolicyDocuments.encode(p.getValue())).build();
        }
    }

    public DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            PrincipalPolicies.delete(require(account, r.userName()), "user", r.policyName());
            return DeleteUserPolicyResponse.builder().build();
        }
    }

    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<String> page = PrincipalPolicies.listInline(require(account, r.userName()), r.marker(), r.maxItems());
            return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Caller holds the lock. */
    static User require(IamStore.Account account, String name) {
        User user = account.users.get(IamStore.key(name));
        if (user == null) {
            throw IamErrors.noSuchUser(name);
        }
        return user;
    }

    /** The IAM user whose key, or whose GetSessionToken credentials, signed the request, or null. Caller holds the lock. */
    static User caller(ServiceContext context, IamStore.Account account) {
        User user = caller(account);
        if (user != null) {
            return user;
        }
        StsSession session = StsSessions.current(context).get(RequestContext.current().accessKeyId());
        if (session != null && session.kind() == StsSession.Kind.SESSION_TOKEN && session.arn().contains(":user/")) {
            return account.users.get(IamStore.key(session.arn().substring(session.arn().lastIndexOf('/') + 1)));
        }
        return null;
    }

    /** The IAM user whose key signed the request, or null (root, or a key IAM did not issue). Caller holds the lock. */
    static User caller(IamStore.Account account) {
        String key = RequestContext.current().accessKeyId();
        for (User u : account.users.values()) {
            if (key != null && u.keys.containsKey(key)) {
                return u;
            }
        }
        return null;
    }




    private static software.amazon.awssdk.services.iam.model.User full(User user) {
        software.amazon.awssdk.services.iam.model.User.Builder b = base(user);
        if (user.permissionsBoundary != null) {
            b.permissionsBoundary(AttachedPermissionsBoundary.builder()
                    .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                    .permissionsBoundaryArn(user.permissionsBoundary).build());
        }
        if (!user.tags.isEmpty()) {
            b.tags(Tags.toSdk(user.tags));
        }
        return b.build();
    }

    /** ListUsers leaves out PermissionsBoundary and Tags (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html). */
    private static software.amazon.awssdk.services.iam.model.User listed(User user) {
        return base(user).build();
    }

    private static software.amazon.awssdk.services.iam.model.User.Builder base(User user) {
        return software.amazon.awssdk.services.iam.model.User.builder().path(user.path).userName(user.name)
                .userId(user.id).arn(user.arn).createDate(user.created);
    }
}
