package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * {@code AWS::IAM::ServiceLinkedRole}. {@code Ref} and {@code Fn::GetAtt RoleName} give the role's name
 * ({@code AWSServiceRoleFor…}, as IAM names it). {@code AWSServiceName} and {@code CustomSuffix} replace it;
 * {@code Description} changes in place. Delete starts IAM's deletion task and waits for it to succeed, without
 * holding a thread ({@link Polling}).
 */
public final class ServiceLinkedRoleHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("AWSServiceName", "CustomSuffix", "Description");

    @Override
    public String type() {
        return "AWS::IAM::ServiceLinkedRole";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AWSServiceName", "CustomSuffix");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = iam(r).createServiceLinkedRole(b -> b.awsServiceName(r.requiredText("AWSServiceName"))
                .customSuffix(r.text("CustomSuffix")).description(r.text("Description"))).role().roleName();
        return Created.of(name).attribute("RoleName", name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String description = r.has("Description") ? r.text("Description") : "";
        iam(r).updateRoleDescription(b -> b.roleName(r.physicalId()).description(description));
        return Created.of(r.physicalId()).attribute("RoleName", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        IamClient iam = iam(r);
        String task;
        try {
            task = iam.deleteServiceLinkedRole(b -> b.roleName(r.physicalId())).deletionTaskId();
        } catch (NoSuchEntityException gone) {
            return CompletableFuture.completedFuture(null);
        }
        return Polling.until(() -> {
            String status = iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)).statusAsString();
            return status.equals("IN_PROGRESS") || status.equals("NOT_STARTED") ? null : Polling.Outcome.done(status);
        }, Polling.SETTLE_LIMIT, "Deletion of service-linked role " + r.physicalId() + " did not stabilize")
                .thenAccept(status -> {
                    if (!status.equals("SUCCEEDED")) {
                        throw new ResourceFailure("IAM could not delete service-linked role " + r.physicalId()
                                + ": deletion task " + task + " " + status, "GeneralServiceException");
                    }
                });
    }
}
