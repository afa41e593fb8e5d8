package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsQueuesIT extends SqsTestSupport {

    @Test
    void createReturnsAUrlOfHostAccountAndNameAndGetQueueUrlFindsIt() {
        String name = unique("orders");
        String url = createQueue(name);
        assertEquals(gureum.endpoint() + "/000000000000/" + name, url);
        assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId("000000000000")).queueUrl());
    }

    @Test
    void settingOneDefaultQueuesAttributesLeavesTheOtherDefaultQueuesAlone() {
        // Queues with the default attributes share one map in memory; a change must copy it, not write through.
        String changed = createQueue(unique("shared-a"));
        String untouched = createQueue(unique("shared-b"));
        sqs.setQueueAttributes(b -> b.queueUrl(changed).attributesWithStrings(Map.of("VisibilityTimeout", "45")));
        assertEquals("45", sqs.getQueueAttributes(b -> b.queueUrl(changed)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributesAsStrings().get("VisibilityTimeout"));
        assertEquals("30", sqs.getQueueAttributes(b -> b.queueUrl(untouched)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributesAsStrings().get("VisibilityTimeout"));
        sqs.setQueueAttributes(b -> b.queueUrl(changed).attributesWithStrings(Map.of("VisibilityTimeout", "30")));
        String third = createQueue(unique("shared-c"));
        assertEquals("30", sqs.getQueueAttributes(b -> b.queueUrl(third)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributesAsStrings().get("VisibilityTimeout"));
    }

    @Test
    void awsStyleQueueUrlsAreAccepted() {
        String name = unique("aws-style");
        createQueue(name);
        String awsUrl = "https://sqs.us-east-1.amazonaws.com/000000000000/" + name;
        assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(awsUrl)
                .attributeNames(QueueAttributeName.DELAY_SECONDS)).attributesAsStrings().get("DelaySeconds"));
    }

    @Test
    void newQueuesHaveAwsDefaults() {
        String url = createQueue(unique("defaults"));
        Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertEquals("0", a.get("DelaySeconds"));
        assertEquals("1048576", a.get("MaximumMessageSize"));
        assertEquals("345600", a.get("MessageRetentionPeriod"));
        assertEquals("0", a.get("ReceiveMessageWaitTimeSeconds"));
        assertEquals("30", a.get("VisibilityTimeout"));
        assertEquals("true", a.get("SqsManagedSseEnabled"));
        assertEquals("0", a.get("ApproximateNumberOfMessages"));
        assertEquals("0", a.get("ApproximateNumberOfMessagesNotVisible"));
        assertEquals("0", a.get("ApproximateNumberOfMessagesDelayed"));
        assertTrue(a.get("QueueArn").startsWith("arn:aws:sqs:us-east-1:000000000000:defaults-"));
        assertTrue(a.containsKey("CreatedTimestamp") && a.containsKey("LastModifiedTimestamp"));
        assertFalse(a.containsKey("FifoQueue"));
    }

    @Test
    void fifoQueuesHaveTheirOwnAttributes() {
        String url = createFifoQueue(unique("fifo"), false);
        Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertEquals("true", a.get("FifoQueue"));
        assertEquals("false", a.get("ContentBasedDeduplication"));
        assertEquals("queue", a.get("DeduplicationScope"));
        assertEquals("perQueue", a.get("FifoThroughputLimit"));
    }

    @Test
    void attributesOutsideAwsRangesAreRejected() {
        String url = createQueue(unique("ranges"));
        for (String[] bad : new String[][] {{"DelaySeconds", "901"}, {"VisibilityTimeout", "43201"},
                {"MessageRetentionPeriod", "59"}, {"MaximumMessageSize", "1023"},
                {"ReceiveMessageWaitTimeSeconds", "21"}, {"DelaySeconds", "abc"}}) {
            InvalidAttributeValueException e = assertThrows(InvalidAttributeValueException.class,
                    () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of(bad[0], bad[1]))));
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains(bad[0]), e.getMessage());
        }
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("DelaySeconds", "900",
                "VisibilityTimeout", "0", "MessageRetentionPeriod", "1209600")));
        Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertEquals("900", a.get("DelaySeconds"));
        assertEquals("0", a.get("VisibilityTimeout"));
        assertEquals("1209600", a.get("MessageRetentionPeriod"));
    }

    @Test
    void unknownAndFifoOnlyAttributesAreInvalidNamesOnStandardQueues() {
        String url = createQueue(unique("names"));
        InvalidAttributeNameException e = assertThrows(InvalidAttributeNameException.class,
                () -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                        .attributesWithStrings(Map.of("ContentBasedDeduplication", "true"))));
        assertEquals(400, e.statusCode());
        assertThrows(InvalidAttributeNameException.class, () -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNamesWithStrings("NoSuchAttribute")));
    }

    @Test
    void fifoNamesAndTheFifoAttributeMustAgree() {
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> sqs.createQueue(b -> b.queueName(unique("plain")).attributesWithStrings(Map.of("FifoQueue", "true"))));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertThrows(AwsServiceException.class, () -> sqs.createQueue(b -> b.queueName("bad name!")));
        assertThrows(AwsServiceException.class, () -> sqs.createQueue(b -> b.queueName("x".repeat(81))));
    }

    @Test
    void creatingAgainIsIdempotentUnlessAttributesDiffer() {
        String name = unique("again");
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("DelaySeconds", "5"))).queueUrl();
        assertEquals(url, sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("DelaySeconds", "5")))
                .queueUrl());
        QueueNameExistsException e = assertThrows(QueueNameExistsException.class,
                () -> sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("DelaySeconds", "6"))));
        assertEquals(400, e.statusCode());
    }

    @Test
    void deletedQueuesAreGoneAndTheirNameIsBlockedFor60Seconds() {
        String name = unique("deleted");
        String url = createQueue(name);
        sqs.deleteQueue(b -> b.queueUrl(url));
        QueueDoesNotExistException e = assertThrows(QueueDoesNotExistException.class,
                () -> sqs.getQueueUrl(b -> b.queueName(name)));
        assertEquals(400, e.statusCode());
        assertThrows(QueueDoesNotExistException.class, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")));
        assertThrows(QueueDeletedRecentlyException.class, () -> createQueue(name));
        advance(61);
        assertEquals(url, createQueue(name));
    }

    @Test
    void listQueuesFiltersByPrefixAndPaginates() {
        String prefix = unique("list");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            urls.add(createQueue(prefix + "-" + i));
        }
        assertEquals(urls, sqs.listQueues(b -> b.queueNamePrefix(prefix)).queueUrls());
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListQueuesResponse r = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(2).nextToken(t));
            paged.addAll(r.queueUrls());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertEquals(urls, paged);
        assertEquals(3, pages);
        assertTrue(sqs.listQueues(b -> b.queueNamePrefix("no-such-prefix-")).queueUrls().isEmpty());
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> sqs.listQueues(b -> b.maxResults(1001)));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
    }

    @Test
    void accountsAndRegionsAreIsolated() {
        String name = unique("isolated");
        createQueue(name);
        try (SqsClient other = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "111122223333", "us-east-1");
                SqsClient elsewhere = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "test", "eu-west-1")) {
            assertThrows(QueueDoesNotExistException.class, () -> other.getQueueUrl(b -> b.queueName(name)));
            assertThrows(QueueDoesNotExistException.class, () -> elsewhere.getQueueUrl(b -> b.queueName(name)));
            assertEquals(gureum.endpoint() + "/000000000000/" + name,
                    other.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId("000000000000")).queueUrl());
        }
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String name = unique("tags");
        String url = sqs.createQueue(b -> b.queueName(name).tags(Map.of("team", "a"))).queueUrl();
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "test", "team", "b")));
        assertEquals(Map.of("team", "b", "env", "test"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team", "absent"));
        assertEquals(Map.of("env", "test"), sqs.listQueueTags(b -> b.queueUrl(url)).tags());
    }

    @Test
    void purgeEmptiesTheQueueOncePerMinute() {
        String url = createQueue(unique("purge"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url)).messages().isEmpty());
        PurgeQueueInProgressException e = assertThrows(PurgeQueueInProgressException.class,
                () -> sqs.purgeQueue(b -> b.queueUrl(url)));
        assertEquals(403, e.statusCode());
        advance(60);
        sqs.purgeQueue(b -> b.queueUrl(url));
    }

    @Test
    void permissionsEditThePolicy() {
        String url = createQueue(unique("perm"));
        sqs.addPermission(b -> b.queueUrl(url).label("send").awsAccountIds("111122223333").actions("SendMessage"));
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributesAsStrings().get("Policy");
        assertTrue(policy.contains("\"Sid\":\"send\"") && policy.contains("arn:aws:iam::111122223333:root")
                && policy.contains("SQS:SendMessage"), policy);
        AwsServiceException dup = assertThrows(AwsServiceException.class,
                () -> sqs.addPermission(b -> b.queueUrl(url).label("send").awsAccountIds("1").actions("*")));
        assertEquals("InvalidParameterValue", dup.awsErrorDetails().errorCode());
        sqs.removePermission(b -> b.queueUrl(url).label("send"));
        assertNull(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributesAsStrings().get("Policy"));
        assertThrows(SqsException.class, () -> sqs.removePermission(b -> b.queueUrl(url).label("send")));
    }

    @Test
    void anUnknownQueueUrlIsNonExistent() {
        QueueDoesNotExistException e = assertThrows(QueueDoesNotExistException.class,
                () -> sqs.sendMessage(b -> b.queueUrl(gureum.endpoint() + "/000000000000/nope").messageBody("x")));
        assertEquals(400, e.statusCode());
    }
}
