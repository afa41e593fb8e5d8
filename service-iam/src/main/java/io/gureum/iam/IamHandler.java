package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagUserRequest;
import software.amazon.awssdk.services.iam.model.UntagUserResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;

/**
 * IAM operations, wire to behaviour: {@link Roles}, {@link Policies}, {@link Users},
 * {@link AccessKeys} and {@link InstanceProfiles}. Operations not overridden answer 501
 * NotImplemented naming the operation, through the interface's default methods.
 */
final class IamHandler implements IamClient {
    private final ServiceContext context;
    private final IamStore store = new IamStore();
    private final Roles roles;
    private final Policies policies;
    private final Users users;
    private final AccessKeys accessKeys;
    private final InstanceProfiles instanceProfiles;

    IamHandler(ServiceContext context) {
        this.context = context;
        this.policies = new Policies(context, store);
        PrincipalPolicies attachments = new PrincipalPolicies(policies);
        this.roles = new Roles(context, store, attachments);
        this.users = new Users(context, store, attachments);
        this.accessKeys = new AccessKeys(context, store);
        this.instanceProfiles = new InstanceProfiles(context, store);
        // Requests signed with keys IAM issued act in their user's account (and verify with their secret).
        context.accounts().addResolver(store);
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
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** On reset: the keys IAM issued stop signing, and its users leave core's registry. */
    @Override
    public void close() {
        context.accounts().removeResolver(store);
        context.registry().clear("iam");
    }
}
