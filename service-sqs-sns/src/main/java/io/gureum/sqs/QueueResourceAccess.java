package io.gureum.sqs;

import io.gureum.core.spi.ResourceAccess;

/**
 * A queue's owner and its {@code Policy} attribute (set directly or by AddPermission), by queue ARN of
 * any account, for the authorizer. Reads the queue's policy without its monitor.
 */
final class QueueResourceAccess {
    private final SqsQueues queues;

    QueueResourceAccess(SqsQueues queues) {
        this.queues = queues;
    }

    ResourceAccess of(String arn) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":sqs:")) {
            return null;
        }
        Queue q = queues.byArn(arn);
        return q == null || q.deleted() ? null : new ResourceAccess(q.account, q.accessPolicy());
    }
}
