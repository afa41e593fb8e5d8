package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.UUID;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusResponse;

/**
 * Service-linked roles (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html): named
 * and placed by their service ({@code /aws-service-role/<service>/}), trusted by it, with its AWS managed policy
 * attached, and protected from IAM's own role operations. Only the services in {@link ServiceLinkedRoleTypes} are
 * known. DeleteServiceLinkedRole deletes at once; the task then reads SUCCEEDED.
 */
final class ServiceLinkedRoles extends Family {
    private final PrincipalPolicies policies;

    ServiceLinkedRoles(ServiceContext context, IamStore store, PrincipalPolicies policies) {
        super(context, store);
        this.policies = policies;
    }

    public CreateServiceLinkedRoleResponse createServiceLinkedRole(CreateServiceLinkedRoleRequest r) {
        ServiceLinkedRoleTypes.Type type = ServiceLinkedRoleTypes.of(r.awsServiceName()).orElseThrow(() ->
                IamErrors.invalidInput("Unknown service name: " + r.awsServiceName()));
        if (r.customSuffix() != null && !type.customSuffix()) {
            throw IamErrors.invalidInput("Custom suffix is not allowed for " + r.awsServiceName());
        }
        String name = type.roleName() + (r.customSuffix() == null ? "" : "_" + r.customSuffix());
        IamStore.Account account = account();
        synchronized (account) {
            if (account.roles.containsKey(IamStore.key(name))) {
                throw IamErrors.invalidInput("Service role name " + name + " has been taken in this account, please try "
                        + "a different suffix.");
            }
            String path = "/aws-service-role/" + type.service() + "/";
            Role role = new Role(name, path, ids.unique(IamIds.ROLE), arn(account.id, "role", path, name), now());
            role.trustPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"Service\":[\"" + type.service() + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
            role.description = r.description();
            role.serviceLinked = true;
            policies.attach(account, role, "role",
                    "arn:" + partition() + ":iam::aws:policy/aws-service-role/" + type.policyName());
            account.roles.put(IamStore.key(name), role);
            role.tags.attach(context.registry(), account.id, "", "iam", role.id, io.gureum.core.ids.Arn.parse(role.arn));
            return CreateServiceLinkedRoleResponse.builder().role(Roles.full(role, false)).build();
        }
    }

    public DeleteServiceLinkedRoleResponse deleteServiceLinkedRole(DeleteServiceLinkedRoleRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Role role = Roles.require(account, r.roleName());
            if (!role.serviceLinked) {
                throw IamErrors.invalidInput("Role " + role.name + " is not a service-linked role.");
            }
            for (String arn : java.util.List.copyOf(role.attached)) {
                policies.detach(account, role, arn);
            }
            role.inline.clear();
            account.roles.remove(IamStore.key(role.name));
            role.tags.detach();
            String service = role.path.substring("/aws-service-role/".length(), role.path.length() - 1);
            String task = "task/aws-service-role/" + service + "/" + role.name + "/" + UUID.nameUUIDFromBytes(
                    context.ids().hex(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            account.deletionTasks.put(task, DeletionTaskStatusType.SUCCEEDED.toString());
            return DeleteServiceLinkedRoleResponse.builder().deletionTaskId(task).build();
        }
    }

    public GetServiceLinkedRoleDeletionStatusResponse getServiceLinkedRoleDeletionStatus(
            GetServiceLinkedRoleDeletionStatusRequest r) {
        if (!r.deletionTaskId().startsWith("task/aws-service-role/")) {
            throw IamErrors.invalidInput("Invalid deletion task id: " + r.deletionTaskId());
        }
        IamStore.Account account = account();
        synchronized (account) {
            String status = account.deletionTasks.get(r.deletionTaskId());
            if (status == null) {
                throw IamErrors.noSuchEntity("Deletion task " + r.deletionTaskId() + " cannot be found.");
            }
            return GetServiceLinkedRoleDeletionStatusResponse.builder().status(status).build();
        }
    }
}
