package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/** Instance profiles: containers for the one role an EC2 instance acts as. */
final class InstanceProfiles extends Family {
    /** Roles per instance profile; AWS cannot raise it (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html). */
    static final int MAX_ROLES = 1;

    InstanceProfiles(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            if (account.instanceProfiles.containsKey(IamStore.key(r.instanceProfileName()))) {
                throw IamErrors.alreadyExists("Instance Profile " + r.instanceProfileName() + " already exists.");
            }
            String path = pathOrRoot(r.path());
            InstanceProfile ip = new InstanceProfile(r.instanceProfileName(), path, ids.unique(IamIds.INSTANCE_PROFILE),
                    arn(account.id, "instance-profile", path, r.instanceProfileName()), now());
            Tags.apply(ip.tags, r.tags());
            account.instanceProfiles.put(IamStore.key(ip.name), ip);
            ip.tags.attach(context.registry(), account.id, "", "iam", ip.id, io.gureum.core.ids.Arn.parse(ip.arn));
            return CreateInstanceProfileResponse.builder().instanceProfile(sdk(ip)).build();
        }
    }

    public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return GetInstanceProfileResponse.builder().instanceProfile(sdk(require(account, r.instanceProfileName())))
                    .build();
        }
    }

    public ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<InstanceProfile> matching = new ArrayList<>();
            for (InstanceProfile ip : account.instanceProfiles.values()) {
                if (r.pathPrefix() == null || ip.path.startsWith(r.pathPrefix())) {
                    matching.add(ip);
                }
            }
            Paging<InstanceProfile> page = page(matching, r.marker(), r.maxItems());
            return ListInstanceProfilesResponse.builder()
                    .instanceProfiles(page.items().stream().map(InstanceProfiles::sdk).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public DeleteInstanceProfileResponse deleteInstanceProfile(DeleteInstanceProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            InstanceProfile ip = require(account, r.instanceProfileName());
            if (!ip.roles.isEmpty()) {
                throw IamErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            account.instanceProfiles.remove(IamStore.key(ip.name));
            ip.tags.detach();
            return DeleteInstanceProfileResponse.builder().build();
        }
    }

    public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(AddRoleToInstanceProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            InstanceProfile ip = require(account, r.instanceProfileName());
            Role role = Roles.require(account, r.roleName());
            if (ip.roles.contains(role)) {
                throw IamErrors.alreadyExists("Role " + role.name + " is already attached to instance profile "
                        + ip.name + ".");
            }
            if (ip.roles.size() >= MAX_ROLES) {
                throw IamErrors.quota("InstanceSessionsPerInstanceProfile", MAX_ROLES);
            }
            ip.roles.add(role);
            return AddRoleToInstanceProfileResponse.builder().build();
        }
    }

    public RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            InstanceProfile ip = require(account, r.instanceProfileName());
            Role role = Roles.require(account, r.roleName());
            if (!ip.roles.remove(role)) {
                throw IamErrors.noSuchEntity("The role with name " + role.name + " cannot be found.");
            }
            return RemoveRoleFromInstanceProfileResponse.builder().build();
        }
    }

    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = Roles.require(account, r.roleName());
            List<InstanceProfile> matching = new ArrayList<>();
            for (InstanceProfile ip : account.instanceProfiles.values()) {
                if (ip.roles.contains(role)) {
                    matching.add(ip);
                }
            }
            Paging<InstanceProfile> page = page(matching, r.marker(), r.maxItems());
            return ListInstanceProfilesForRoleResponse.builder()
                    .instanceProfiles(page.items().stream().map(InstanceProfiles::sdk).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public TagInstanceProfileResponse tagInstanceProfile(TagInstanceProfileRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.instanceProfileName()).tags, r.tags());
            return TagInstanceProfileResponse.builder().build();
        }
    }

    public UntagInstanceProfileResponse untagInstanceProfile(UntagInstanceProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.instanceProfileName()).tags, r.tagKeys());
            return UntagInstanceProfileResponse.builder().build();
        }
    }

    public ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.instanceProfileName()).tags, r.marker(), r.maxItems());
            return ListInstanceProfileTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    private static Paging<InstanceProfile> page(List<InstanceProfile> profiles, String marker, Integer maxItems) {
        profiles.sort(Comparator.comparing(ip -> IamStore.key(ip.name)));
        return Paging.page(profiles, ip -> IamStore.key(ip.name), marker, maxItems);
    }

    private static InstanceProfile require(IamStore.Account account, String name) {
        InstanceProfile ip = account.instanceProfiles.get(IamStore.key(name));
        if (ip == null) {
            throw IamErrors.noSuchInstanceProfile(name);
        }
        return ip;
    }



    /** Its roles as ListRoles shows them (trust policy included, no tags). */
    static software.amazon.awssdk.services.iam.model.InstanceProfile sdk(InstanceProfile ip) {
        List<software.amazon.awssdk.services.iam.model.Role> roles = new ArrayList<>();
        for (Role role : ip.roles) {
            roles.add(software.amazon.awssdk.services.iam.model.Role.builder().path(role.path).roleName(role.name)
                    .roleId(role.id).arn(role.arn).createDate(role.created)
                    .assumeRolePolicyDocument(PolicyDocuments.encode(role.trustPolicy)).build());
        }
        software.amazon.awssdk.services.iam.model.InstanceProfile.Builder b =
                software.amazon.awssdk.services.iam.model.InstanceProfile.builder().path(ip.path)
                        .instanceProfileName(ip.name).instanceProfileId(ip.id).arn(ip.arn).createDate(ip.created)
                        .roles(roles);
        if (!ip.tags.isEmpty()) {
            b.tags(Tags.toSdk(ip.tags));
        }
        return b.build();
    }
}
