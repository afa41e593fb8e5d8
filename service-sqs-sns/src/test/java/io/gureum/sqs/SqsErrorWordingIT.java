package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.OverLimitException;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Error codes and messages whose exact wording clients and test suites compare against AWS's. */
class SqsErrorWordingIT extends SqsTestSupport {

    @Test
    void createQueueWithADifferentAttributeNamesTheAttribute() {
        String name = unique("exists");
        sqs.createQueue(b -> b.queueName(name));
        QueueNameExistsException e = assertThrows(QueueNameExistsException.class, () -> sqs.createQueue(
                b -> b.queueName(name).attributesWithStrings(Map.of("VisibilityTimeout", "60"))));
        assertEquals(400, e.statusCode());
        assertEquals("A queue already exists with the same name and a different value for attribute VisibilityTimeout",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void secondPurgeNamesTheQueue() {
        String name = unique("purge");
        String url = createQueue(name);
        sqs.purgeQueue(b -> b.queueUrl(url));
        PurgeQueueInProgressException e = assertThrows(PurgeQueueInProgressException.class,
                () -> sqs.purgeQueue(b -> b.queueUrl(url)));
        assertEquals("Only one PurgeQueue operation on " + name + " is allowed every 60 seconds.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void emptyBatchesNameTheirOperationsEntry() {
        String url = createQueue(unique("empty"));
        assertEquals("There should be at least one SendMessageBatchRequestEntry in the request.",
                assertThrows(EmptyBatchRequestException.class, () -> sqs.sendMessageBatch(
                        b -> b.queueUrl(url).entries(List.of()))).awsErrorDetails().errorMessage());
        assertEquals("There should be at least one DeleteMessageBatchRequestEntry in the request.",
                assertThrows(EmptyBatchRequestException.class, () -> sqs.deleteMessageBatch(
                        b -> b.queueUrl(url).entries(List.of()))).awsErrorDetails().errorMessage());
        assertEquals("There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.",
                assertThrows(EmptyBatchRequestException.class, () -> sqs.changeMessageVisibilityBatch(
                        b -> b.queueUrl(url).entries(List.of()))).awsErrorDetails().errorMessage());
    }

    @Test
    void tooLongBatchSaysHowMuchWasSent() {
        String url = createQueue(unique("toolong"));
        String half = "x".repeat(600_000);
        BatchRequestTooLongException e = assertThrows(BatchRequestTooLongException.class,
                () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                        x -> x.id("a").messageBody(half), x -> x.id("b").messageBody(half))));
        assertEquals("Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void missingQueueOverJson() {
        QueueDoesNotExistException e = assertThrows(QueueDoesNotExistException.class,
                () -> sqs.getQueueUrl(b -> b.queueName(unique("nope"))));
        assertEquals(400, e.statusCode());
        assertEquals("The specified queue does not exist.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void fifoDeleteWithAnExpiredHandleIsRefusedButStandardSucceeds() {
        String fifo = createFifoQueue(unique("expired"), true);
        sqs.sendMessage(b -> b.queueUrl(fifo).messageBody("f").messageGroupId("g"));
        Message m = sqs.receiveMessage(b -> b.queueUrl(fifo).visibilityTimeout(5)).messages().get(0);
        advance(6);
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.deleteMessage(b -> b.queueUrl(fifo).receiptHandle(m.receiptHandle())));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertEquals("Value " + m.receiptHandle() + " for parameter ReceiptHandle is invalid. Reason: The receipt "
                + "handle has expired.", e.awsErrorDetails().errorMessage());
        // The message stays: it is received again.
        assertEquals(m.messageId(), sqs.receiveMessage(b -> b.queueUrl(fifo)).messages().get(0).messageId());

        String standard = createQueue(unique("expired"));
        sqs.sendMessage(b -> b.queueUrl(standard).messageBody("s"));
        Message s = sqs.receiveMessage(b -> b.queueUrl(standard).visibilityTimeout(5)).messages().get(0);
        advance(6);
        sqs.deleteMessage(b -> b.queueUrl(standard).receiptHandle(s.receiptHandle()));
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(standard)).messages().isEmpty());
    }

    @Test
    void addPermissionLimitsActions() {
        String url = createQueue(unique("perm"));
        OverLimitException over = assertThrows(OverLimitException.class, () -> sqs.addPermission(b -> b.queueUrl(url)
                .label("many").awsAccountIds("111122223333").actions("SendMessage", "ReceiveMessage", "DeleteMessage",
                        "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues",
                        "PurgeQueue")));
        assertEquals(403, over.statusCode());
        assertEquals("8 Actions were found, maximum allowed is 7.", over.awsErrorDetails().errorMessage());
        AwsServiceException ownerOnly = assertThrows(AwsServiceException.class, () -> sqs.addPermission(
                b -> b.queueUrl(url).label("own").awsAccountIds("111122223333").actions("DeleteQueue")));
        assertEquals("InvalidParameterValue", ownerOnly.awsErrorDetails().errorCode());
        assertEquals("Value SQS:DeleteQueue for parameter ActionName is invalid. Reason: Only the queue owner is "
                + "allowed to invoke this action.", ownerOnly.awsErrorDetails().errorMessage());
        AwsServiceException noPrincipal = assertThrows(AwsServiceException.class, () -> sqs.addPermission(
                b -> b.queueUrl(url).label("none").actions("SendMessage")));
        assertEquals("Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.",
                noPrincipal.awsErrorDetails().errorMessage());
        sqs.addPermission(b -> b.queueUrl(url).label("ok").awsAccountIds("111122223333").actions("SendMessage", "*"));
    }
}
