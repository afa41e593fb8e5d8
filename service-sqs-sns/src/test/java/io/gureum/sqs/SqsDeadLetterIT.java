package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;

class SqsDeadLetterIT extends SqsTestSupport {

    static String redrive(String dlqArn, int max) {
        return "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + max + "\"}";
    }

    @Test
    void aMessageReceivedMoreThanMaxReceiveCountMovesToTheDeadLetterQueue() {
        String dlq = createQueue(unique("dlq"));
        String dlqArn = arnOf(dlq);
        String src = sqs.createQueue(b -> b.queueName(unique("src")).attributesWithStrings(Map.of(
                "RedrivePolicy", redrive(dlqArn, 2), "VisibilityTimeout", "1"))).queueUrl();
        assertEquals("{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}",
                sqs.getQueueAttributes(b -> b.queueUrl(src).attributeNamesWithStrings("RedrivePolicy"))
                        .attributesAsStrings().get("RedrivePolicy"));
        String id = sqs.sendMessage(b -> b.queueUrl(src).messageBody("poison")).messageId();
        for (int i = 0; i < 2; i++) {
            assertEquals(id, sqs.receiveMessage(b -> b.queueUrl(src)).messages().get(0).messageId());
            advance(1);
        }
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(src)).messages().isEmpty());
        Message dead = sqs.receiveMessage(b -> b.queueUrl(dlq).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().get(0);
        assertEquals(id, dead.messageId());
        assertEquals("poison", dead.body());
        assertEquals(arnOf(src), dead.attributesAsStrings().get("DeadLetterQueueSourceArn"));
        assertEquals(List.of(src), sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls());
    }

    @Test
    void redrivePoliciesAreValidated() {
        String src = createQueue(unique("v-src"));
        AwsServiceException missing = assertThrows(AwsServiceException.class, () -> sqs.setQueueAttributes(b -> b
                .queueUrl(src).attributesWithStrings(Map.of("RedrivePolicy",
                        redrive("arn:aws:sqs:us-east-1:000000000000:nope", 3)))));
        assertEquals("InvalidParameterValue", missing.awsErrorDetails().errorCode());
        String dlq = createQueue(unique("v-dlq"));
        AwsServiceException count = assertThrows(AwsServiceException.class, () -> sqs.setQueueAttributes(b -> b
                .queueUrl(src).attributesWithStrings(Map.of("RedrivePolicy", redrive(arnOf(dlq), 1001)))));
        assertEquals("InvalidParameterValue", count.awsErrorDetails().errorCode());
        String fifoDlq = createFifoQueue(unique("v-fifo"), false);
        assertThrows(AwsServiceException.class, () -> sqs.setQueueAttributes(b -> b.queueUrl(src)
                .attributesWithStrings(Map.of("RedrivePolicy", redrive(arnOf(fifoDlq), 3)))));
        sqs.setQueueAttributes(b -> b.queueUrl(dlq).attributesWithStrings(Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"denyAll\"}")));
        assertThrows(AwsServiceException.class, () -> sqs.setQueueAttributes(b -> b.queueUrl(src)
                .attributesWithStrings(Map.of("RedrivePolicy", redrive(arnOf(dlq), 3)))));
        sqs.setQueueAttributes(b -> b.queueUrl(dlq).attributesWithStrings(Map.of("RedriveAllowPolicy",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + arnOf(src) + "\"]}")));
        sqs.setQueueAttributes(b -> b.queueUrl(src).attributesWithStrings(Map.of("RedrivePolicy", redrive(arnOf(dlq), 3))));
        sqs.setQueueAttributes(b -> b.queueUrl(src).attributesWithStrings(Map.of("RedrivePolicy", "")));
        assertNull(sqs.getQueueAttributes(b -> b.queueUrl(src).attributeNamesWithStrings("RedrivePolicy"))
                .attributesAsStrings().get("RedrivePolicy"));
    }

    @Test
    void aMoveTaskReturnsDeadLettersToTheirSourceQueue() throws Exception {
        String dlq = createQueue(unique("m-dlq"));
        String src = sqs.createQueue(b -> b.queueName(unique("m-src")).attributesWithStrings(Map.of(
                "RedrivePolicy", redrive(arnOf(dlq), 1), "VisibilityTimeout", "0"))).queueUrl();
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(src).messageBody("m" + n));
        }
        for (int i = 0; i < 3; i++) {
            sqs.receiveMessage(b -> b.queueUrl(src).maxNumberOfMessages(10));
        }
        assertEquals("3", sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNamesWithStrings(
                "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(dlq))).taskHandle();
        assertNotNull(handle);
        ListMessageMoveTasksResultEntry task = null;
        for (int i = 0; i < 100; i++) {
            task = sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq))).results().get(0);
            if (!task.status().equals("RUNNING")) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals("COMPLETED", task.status());
        assertEquals(3L, task.approximateNumberOfMessagesMoved());
        assertEquals(3, sqs.receiveMessage(b -> b.queueUrl(src).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().size());
        assertThrows(ResourceNotFoundException.class, () -> sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)));
    }

    @Test
    void aSlowMoveTaskCanBeCancelled() {
        String dlq = createQueue(unique("c-dlq"));
        String src = sqs.createQueue(b -> b.queueName(unique("c-src")).attributesWithStrings(Map.of(
                "RedrivePolicy", redrive(arnOf(dlq), 1)))).queueUrl();
        for (int i = 0; i < 50; i++) {
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("x"));
        }
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(dlq)).destinationArn(arnOf(src))
                .maxNumberOfMessagesPerSecond(1)).taskHandle();
        AwsServiceException twice = assertThrows(AwsServiceException.class,
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(dlq))));
        assertEquals("InvalidParameterValue", twice.awsErrorDetails().errorCode());
        sqs.cancelMessageMoveTask(b -> b.taskHandle(handle));
        assertEquals("CANCELLED", sqs.listMessageMoveTasks(b -> b.sourceArn(arnOf(dlq))).results().get(0).status());
    }

    @Test
    void moveTasksNeedADeadLetterQueue() {
        String plain = createQueue(unique("plain"));
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.startMessageMoveTask(b -> b.sourceArn(arnOf(plain))));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class,
                () -> sqs.startMessageMoveTask(b -> b.sourceArn("arn:aws:sqs:us-east-1:000000000000:absent")));
    }
}
