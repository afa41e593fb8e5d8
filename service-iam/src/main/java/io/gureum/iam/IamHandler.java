package io.gureum.iam;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.RoleTarget;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;

/**
 * IAM operations, wire to behaviour: {@link Roles}, {@link Policies}, {@link Users},
 * {@link Groups}, {@link LoginProfiles}, {@link AccessKeys}, {@link InstanceProfiles}, {@link PolicyTags} and
 * {@link PolicyEntities}. Operations not overridden answer 501
 * NotImplemented naming the operation, through the interface's default methods.
 */
final class IamHandler implements IamClient {
    private final ServiceContext context;
    private final Subscription provided;
    private final IamStore store = new IamStore();
    private final Roles roles;
    private final Policies policies;
    private final Users users;
    private final AccessKeys accessKeys;
    private final InstanceProfiles instanceProfiles;
    private final Groups groups;
    private final PolicyTags policyTags;
    private final PolicyEntities policyEntities;
    private final LoginProfiles loginProfiles;

    IamHandler(ServiceContext context) {
        this.context = context;
        this.policies = new Policies(context, store);
        PrincipalPolicies attachments = new PrincipalPolicies(policies);
        this.roles = new Roles(context, store, attachments);
        this.users = new Users(context, store, attachments);
        this.accessKeys = new AccessKeys(context, store);
        this.instanceProfiles = new InstanceProfiles(context, store);
        this.groups = new Groups(context, store, attachments);
        this.policyTags = new PolicyTags(context, store, policies);
        this.policyEntities = new PolicyEntities(context, store, policies);
        this.loginProfiles = new LoginProfiles(context, store);
        // Requests signed with keys IAM issued act in their user's account (and verify with their secret).
        context.accounts().addResolver(store);
        this.provided = context.targets().provide("iam", RoleTarget.class, roles::target);
    }

    // ---- roles -------------------------------------------------------------------------------

    @Override
    public CreateRoleResponse createRole(CreateRoleRequest request) {
        return roles.createRole(request);
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest request) {
        return roles.getRole(request);
    }

    @Override
    public ListRolesResponse listRoles(ListRolesRequest request) {
        return roles.listRoles(request);
    }

    @Override
    public UpdateRoleResponse updateRole(UpdateRoleRequest request) {
        return roles.updateRole(request);
    }

    @Override
    public UpdateRoleDescriptionResponse updateRoleDescription(UpdateRoleDescriptionRequest request) {
        return roles.updateRoleDescription(request);
    }

    @Override
    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest request) {
        return roles.updateAssumeRolePolicy(request);
    }

    @Override
    public DeleteRoleResponse deleteRole(DeleteRoleRequest request) {
        return roles.deleteRole(request);
    }

    @Override
    public PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest request) {
        return roles.putRolePermissionsBoundary(request);
    }

    @Override
    public DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryRequest request) {
        return roles.deleteRolePermissionsBoundary(request);
    }

    @Override
    public TagRoleResponse tagRole(TagRoleRequest request) {
        return roles.tagRole(request);
    }

    @Override
    public UntagRoleResponse untagRole(UntagRoleRequest request) {
        return roles.untagRole(request);
    }

    @Override
    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest request) {
        return roles.listRoleTags(request);
    }

    @Override
    public AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest request) {
        return roles.attachRolePolicy(request);
    }

    @Override
    public DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest request) {
        return roles.detachRolePolicy(request);
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        return roles.listAttachedRolePolicies(request);
    }

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
        return roles.putRolePolicy(request);
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
        return roles.getRolePolicy(request);
    }

    @Override
    public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest request) {
        return roles.deleteRolePolicy(request);
    }

    @Override
    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
        return roles.listRolePolicies(request);
    }

    // ---- managed policies --------------------------------------------------------------------

    @Override
    public CreatePolicyResponse createPolicy(CreatePolicyRequest request) {
        return policies.createPolicy(request);
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        return policies.getPolicy(request);
    }

    @Override
    public ListPoliciesResponse listPolicies(ListPoliciesRequest request) {
        return policies.listPolicies(request);
    }

    @Override
    public DeletePolicyResponse deletePolicy(DeletePolicyRequest request) {
        return policies.deletePolicy(request);
    }

    @Override
    public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest request) {
        return policies.createPolicyVersion(request);
    }

    @Override
    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest request) {
        return policies.getPolicyVersion(request);
    }

    @Override
    public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest request) {
        return policies.listPolicyVersions(request);
    }

    @Override
    public DeletePolicyVersionResponse deletePolicyVersion(DeletePolicyVersionRequest request) {
        return policies.deletePolicyVersion(request);
    }

    @Override
    public SetDefaultPolicyVersionResponse setDefaultPolicyVersion(SetDefaultPolicyVersionRequest request) {
        return policies.setDefaultPolicyVersion(request);
    }

    @Override
    public TagPolicyResponse tagPolicy(TagPolicyRequest request) {
        return policyTags.tagPolicy(request);
    }

    @Override
    public UntagPolicyResponse untagPolicy(UntagPolicyRequest request) {
        return policyTags.untagPolicy(request);
    }

    @Override
    public ListPolicyTagsResponse listPolicyTags(ListPolicyTagsRequest request) {
        return policyTags.listPolicyTags(request);
    }

    @Override
    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest request) {
        return policyEntities.listEntitiesForPolicy(request);
    }

    // ---- users -------------------------------------------------------------------------------

    @Override
    public CreateUserResponse createUser(CreateUserRequest request) {
        return users.createUser(request);
    }

    @Override
    public GetUserResponse getUser(GetUserRequest request) {
        return users.getUser(request);
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest request) {
        return users.listUsers(request);
    }

    @Override
    public UpdateUserResponse updateUser(UpdateUserRequest request) {
        return users.updateUser(request);
    }

    @Override
    public DeleteUserResponse deleteUser(DeleteUserRequest request) {
        return users.deleteUser(request);
    }

    @Override
    public TagUserResponse tagUser(TagUserRequest request) {
        return users.tagUser(request);
    }

    @Override
    public UntagUserResponse untagUser(UntagUserRequest request) {
        return users.untagUser(request);
    }

    @Override
    public ListUserTagsResponse listUserTags(ListUserTagsRequest request) {
        return users.listUserTags(request);
    }

    @Override
    public AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest request) {
        return users.attachUserPolicy(request);
    }

    @Override
    public DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest request) {
        return users.detachUserPolicy(request);
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest request) {
        return users.listAttachedUserPolicies(request);
    }

    @Override
    public PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest request) {
        return users.putUserPolicy(request);
    }

    @Override
    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest request) {
        return users.getUserPolicy(request);
    }

    @Override
    public DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest request) {
        return users.deleteUserPolicy(request);
    }

    @Override
    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest request) {
        return users.listUserPolicies(request);
    }

    // ---- groups ------------------------------------------------------------------------------

    @Override
    public CreateGroupResponse createGroup(CreateGroupRequest request) {
        return groups.createGroup(request);
    }

    @Override
    public GetGroupResponse getGroup(GetGroupRequest request) {
        return groups.getGroup(request);
    }

    @Override
    public ListGroupsResponse listGroups(ListGroupsRequest request) {
        return groups.listGroups(request);
    }

    @Override
    public UpdateGroupResponse updateGroup(UpdateGroupRequest request) {
        return groups.updateGroup(request);
    }

    @Override
    public DeleteGroupResponse deleteGroup(DeleteGroupRequest request) {
        return groups.deleteGroup(request);
    }

    @Override
    public AddUserToGroupResponse addUserToGroup(AddUserToGroupRequest request) {
        return groups.addUserToGroup(request);
    }

    @Override
    public RemoveUserFromGroupResponse removeUserFromGroup(RemoveUserFromGroupRequest request) {
        return groups.removeUserFromGroup(request);
    }

    @Override
    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest request) {
        return groups.listGroupsForUser(request);
    }

    @Override
    public AttachGroupPolicyResponse attachGroupPolicy(AttachGroupPolicyRequest request) {
        return groups.attachGroupPolicy(request);
    }

    @Override
    public DetachGroupPolicyResponse detachGroupPolicy(DetachGroupPolicyRequest request) {
        return groups.detachGroupPolicy(request);
    }

    @Override
    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest request) {
        return groups.listAttachedGroupPolicies(request);
    }

    @Override
    public PutGroupPolicyResponse putGroupPolicy(PutGroupPolicyRequest request) {
        return groups.putGroupPolicy(request);
    }

    @Override
    public GetGroupPolicyResponse getGroupPolicy(GetGroupPolicyRequest request) {
        return groups.getGroupPolicy(request);
    }

    @Override
    public DeleteGroupPolicyResponse deleteGroupPolicy(DeleteGroupPolicyRequest request) {
        return groups.deleteGroupPolicy(request);
    }

    @Override
    public ListGroupPoliciesResponse listGroupPolicies(ListGroupPoliciesRequest request) {
        return groups.listGroupPolicies(request);
    }

    // ---- login profiles ----------------------------------------------------------------------

    @Override
    public CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest request) {
        return loginProfiles.createLoginProfile(request);
    }

    @Override
    public GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest request) {
        return loginProfiles.getLoginProfile(request);
    }

    @Override
    public UpdateLoginProfileResponse updateLoginProfile(UpdateLoginProfileRequest request) {
        return loginProfiles.updateLoginProfile(request);
    }

    @Override
    public DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest request) {
        return loginProfiles.deleteLoginProfile(request);
    }

    // ---- access keys -------------------------------------------------------------------------

    @Override
    public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest request) {
        return accessKeys.createAccessKey(request);
    }

    @Override
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest request) {
        return accessKeys.listAccessKeys(request);
    }

    @Override
    public UpdateAccessKeyResponse updateAccessKey(UpdateAccessKeyRequest request) {
        return accessKeys.updateAccessKey(request);
    }

    @Override
    public DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest request) {
        return accessKeys.deleteAccessKey(request);
    }

    // ---- instance profiles -------------------------------------------------------------------

    @Override
    public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest request) {
        return instanceProfiles.createInstanceProfile(request);
    }

    @Override
    public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest request) {
        return instanceProfiles.getInstanceProfile(request);
    }

    @Override
    public ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest request) {
        return instanceProfiles.listInstanceProfiles(request);
    }

    @Override
    public DeleteInstanceProfileResponse deleteInstanceProfile(DeleteInstanceProfileRequest request) {
        return instanceProfiles.deleteInstanceProfile(request);
    }

    @Override
    public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(AddRoleToInstanceProfileRequest request) {
        return instanceProfiles.addRoleToInstanceProfile(request);
    }

    @Override
    public RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest request) {
        return instanceProfiles.removeRoleFromInstanceProfile(request);
    }

    @Override
    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest request) {
        return instanceProfiles.listInstanceProfilesForRole(request);
    }

    @Override
    public TagInstanceProfileResponse tagInstanceProfile(TagInstanceProfileRequest request) {
        return instanceProfiles.tagInstanceProfile(request);
    }

    @Override
    public UntagInstanceProfileResponse untagInstanceProfile(UntagInstanceProfileRequest request) {
        return instanceProfiles.untagInstanceProfile(request);
    }

    @Override
    public ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest request) {
        return instanceProfiles.listInstanceProfileTags(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** On reset: the keys IAM issued stop signing, and its users leave core's registry. */
    @Override
    public void close() {
        provided.close();
        context.accounts().removeResolver(store);
        context.registry().clear("iam");
    }
}
