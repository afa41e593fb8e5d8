package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.QueueDoesNotExistException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for Java v1 (1.12.500), which speaks the query protocol to SQS and verifies MD5s. The
 * disabled cases need core's Smithy overlay (query names, legacy error codes); see CORE-HOOKS.md.
 */
class SqsLegacyQueryClientIT extends SqsTestSupport {
    static AmazonSQS v1;

    @BeforeAll
    static void client() {
        v1 = AmazonSQSClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(gureum.endpoint().toString(),
                        "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test"))).build();
    }

    @AfterAll
    static void closeClient() {
        v1.shutdown();
    }

    @Test
    void createSendAndDeleteWithTheQueryProtocol() {
        String name = unique("v1");
        String url = v1.createQueue(name).getQueueUrl();
        assertEquals(gureum.endpoint() + "/000000000000/" + name, url);
        assertEquals(url, v1.getQueueUrl(name).getQueueUrl());
        // v1 checks the body MD5 of the answer.
        String id = v1.sendMessage(url, "from SDK v1").getMessageId();
        assertEquals(36, id.length());
        v1.deleteQueue(url);
    }

    @Test
    void receiveWithAttributesPassesTheMd5Checks() {
        String name = unique("v1-recv");
        String url = v1.createQueue(name).getQueueUrl();
        assertEquals(List.of(url), v1.listQueues(name).getQueueUrls());
        v1.sendMessage(new SendMessageRequest(url, "body").withMessageAttributes(Map.of("k",
                new MessageAttributeValue().withDataType("String").withStringValue("v"))));
        List<Message> got = v1.receiveMessage(new ReceiveMessageRequest(url).withMessageAttributeNames("All")
                .withAttributeNames("All")).getMessages();
        assertEquals(1, got.size());
        assertEquals("v", got.get(0).getMessageAttributes().get("k").getStringValue());
        assertEquals("1", got.get(0).getAttributes().get("ApproximateReceiveCount"));
    }

    @Test
    void aMissingQueueIsQueueDoesNotExist() {
        QueueDoesNotExistException e = assertThrows(QueueDoesNotExistException.class, () -> v1.getQueueUrl("nope-v1"));
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", e.getErrorCode());
    }

    @Test
    void aMissingKmsKeyHasItsQueryCode() {
        String url = v1.createQueue(new com.amazonaws.services.sqs.model.CreateQueueRequest(unique("v1-kms"))
                .withAttributes(Map.of("KmsMasterKeyId", "alias/not-there"))).getQueueUrl();
        com.amazonaws.services.sqs.model.AmazonSQSException e = assertThrows(
                com.amazonaws.services.sqs.model.AmazonSQSException.class, () -> v1.sendMessage(url, "x"));
        assertEquals("KMS.NotFoundException", e.getErrorCode());
        assertEquals(400, e.getStatusCode());
    }
}
