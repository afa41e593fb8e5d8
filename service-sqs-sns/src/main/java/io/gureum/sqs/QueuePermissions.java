package io.gureum.sqs;

import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.AddPermissionRequest;
import software.amazon.awssdk.services.sqs.model.AddPermissionResponse;
import software.amazon.awssdk.services.sqs.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sqs.model.RemovePermissionResponse;

/**
 * AddPermission and RemovePermission: statements, labelled, in the queue's {@code Policy} attribute
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html).
 */
final class QueuePermissions {
    private final ServiceContext context;
    private final SqsQueues queues;

    QueuePermissions(ServiceContext context, SqsQueues queues) {
        this.context = context;
        this.queues = queues;
    }

    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        if (request.label() == null || request.label().isEmpty()) {
            throw SqsErrors.missingParameter("Label");
        }
        if (request.actions() == null || request.actions().isEmpty()) {
            throw SqsErrors.missingParameter("Actions");
        }
        QueuePolicies.checkActions(request.actions());
        if (request.awsAccountIds() == null || request.awsAccountIds().isEmpty()) {
            throw SqsErrors.invalidParameterValue("Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        }
        String partition = context.topology().partitionOf(q.region).id();
        synchronized (q) {
            String policy = QueuePolicies.addStatement(q.attribute(QueueAttributes.POLICY), q.arnText,
                    request.label(), request.awsAccountIds(), request.actions(), partition);
            setPolicy(q, policy);
        }
        return AddPermissionResponse.builder().build();
    }

    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        if (request.label() == null || request.label().isEmpty()) {
            throw SqsErrors.missingParameter("Label");
        }
        synchronized (q) {
            setPolicy(q, QueuePolicies.removeStatement(q.attribute(QueueAttributes.POLICY), request.label()));
        }
        return RemovePermissionResponse.builder().build();
    }

    private void setPolicy(Queue q, String policy) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put(QueueAttributes.POLICY, policy);
        q.setAttributes(change, context.clock().now().toEpochMilli());
    }
}
