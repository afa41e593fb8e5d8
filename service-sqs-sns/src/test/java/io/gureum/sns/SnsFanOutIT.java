package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SnsFanOutIT extends SnsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Message> drain(Queue q) {
        List<Message> out = new ArrayList<>();
        List<Message> batch;
        while (!(batch = sqs.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()).isEmpty()) {
            out.addAll(batch);
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void aTopicFansOutToTwoQueuesInTheJsonEnvelopeBeforePublishReturns() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("fan"))).topicArn();
        Queue a = queue(unique("a"));
        Queue b2 = queue(unique("b"));
        String subA = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(a.arn())).subscriptionArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(b2.arn()));
        String id = sns.publish(b -> b.topicArn(topic).message("hello").subject("greeting").messageAttributes(Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue("x").build()))).messageId();
        List<Message> got = drain(a);
        assertEquals(1, got.size());
        assertEquals(1, drain(b2).size());
        JsonNode env = json(got.get(0).body());
        assertEquals("Notification", env.get("Type").asText());
        assertEquals(id, env.get("MessageId").asText());
        assertEquals(topic, env.get("TopicArn").asText());
        assertEquals("greeting", env.get("Subject").asText());
        assertEquals("hello", env.get("Message").asText());
        assertNotNull(env.get("Timestamp").asText());
        assertEquals("1", env.get("SignatureVersion").asText());
        assertTrue(env.get("Signature").asText().length() > 100);
        assertTrue(env.get("UnsubscribeURL").asText().contains(subA));
        assertEquals("x", env.get("MessageAttributes").get("kind").get("Value").asText());
        assertEquals("String", env.get("MessageAttributes").get("kind").get("Type").asText());
        // What SQS shows for every message SNS delivers, as seen on real SNS-to-SQS messages.
        assertEquals("AIDAIT2UOQQY3AUEKVGXU", got.get(0).attributesAsStrings().get("SenderId"));
    }

    @Test
    void rawDeliveryPassesTheBodyAndAttributesThrough() {
        String topic = sns.createTopic(b -> b.name(unique("raw"))).topicArn();
        Queue q = queue(unique("rawq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.publish(b -> b.topicArn(topic).message("just the body").messageAttributes(Map.of(
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("7").build(),
                "bin", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("hi")).build(),
                "list", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"a\",\"b\"]").build())));
        Message m = drain(q).get(0);
        assertEquals("just the body", m.body());
        assertEquals("7", m.messageAttributes().get("n").stringValue());
        assertEquals("Number", m.messageAttributes().get("n").dataType());
        assertEquals("hi", m.messageAttributes().get("bin").binaryValue().asUtf8String());
        assertEquals("String.Array", m.messageAttributes().get("list").dataType());
    }

    @Test
    void filterPoliciesOnAttributesAndOnTheBodyChooseSubscribers() {
        String topic = sns.createTopic(b -> b.name(unique("filter"))).topicArn();
        Queue red = queue(unique("red"));
        Queue big = queue(unique("big"));
        Queue all = queue(unique("all"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(red.arn()).attributes(Map.of(
                "FilterPolicy", "{\"color\":[\"red\"]}", "RawMessageDelivery", "true")));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(big.arn()).attributes(Map.of(
                "FilterPolicy", "{\"size\":[{\"numeric\":[\">\",10]}]}", "FilterPolicyScope", "MessageBody",
                "RawMessageDelivery", "true")));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(all.arn()));
        sns.publish(b -> b.topicArn(topic).message("{\"size\":5}").messageAttributes(Map.of("color",
                MessageAttributeValue.builder().dataType("String").stringValue("red").build())));
        sns.publish(b -> b.topicArn(topic).message("{\"size\":50}").messageAttributes(Map.of("color",
                MessageAttributeValue.builder().dataType("String").stringValue("blue").build())));
        sns.publish(b -> b.topicArn(topic).message("plain text"));
        assertEquals(List.of("{\"size\":5}"), drain(red).stream().map(Message::body).toList());
        assertEquals(List.of("{\"size\":50}"), drain(big).stream().map(Message::body).toList());
        assertEquals(3, drain(all).size());
    }

    @Test
    void numericFiltersCompareToFiveDecimalPlaces() {
        String topic = sns.createTopic(b -> b.name(unique("precise"))).topicArn();
        Queue q = queue(unique("preciseq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn()).attributes(Map.of(
                "FilterPolicy", "{\"price\":[{\"numeric\":[\">\",10]}]}", "RawMessageDelivery", "true")));
        for (String price : List.of("10.000001", "10.00001", "2000000000")) {
            sns.publish(b -> b.topicArn(topic).message(price).messageAttributes(Map.of("price",
                    MessageAttributeValue.builder().dataType("Number").stringValue(price).build())));
        }
        assertEquals(List.of("10.00001"), drain(q).stream().map(Message::body).toList());
    }

    @Test
    void settingAFilterPolicyLaterTakesEffect() {
        String topic = sns.createTopic(b -> b.name(unique("later"))).topicArn();
        Queue q = queue(unique("laterq"));
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())).subscriptionArn();
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicy")
                .attributeValue("{\"k\":[{\"prefix\":\"yes\"}]}"));
        sns.publish(b -> b.topicArn(topic).message("1").messageAttributes(Map.of("k",
                MessageAttributeValue.builder().dataType("String").stringValue("no").build())));
        sns.publish(b -> b.topicArn(topic).message("2").messageAttributes(Map.of("k",
                MessageAttributeValue.builder().dataType("String").stringValue("yes-please").build())));
        assertEquals(1, drain(q).size());
        assertEquals("MessageAttributes", sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes()
                .get("FilterPolicyScope"));
    }

    @Test
    void messageStructureJsonSendsEachProtocolItsOwnText() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("struct"))).topicArn();
        Queue q = queue(unique("structq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn()));
        sns.publish(b -> b.topicArn(topic).messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));
        assertEquals("for queues", json(drain(q).get(0).body()).get("Message").asText());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b
                .topicArn(topic).messageStructure("json").message("{\"sqs\":\"x\"}")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("No default entry"));
    }

    @Test
    void publishBatchDeliversEachEntryAndReportsFailures() {
        String topic = sns.createTopic(b -> b.name(unique("batch"))).topicArn();
        Queue q = queue(unique("batchq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("one").build(),
                PublishBatchRequestEntry.builder().id("2").message("").build(),
                PublishBatchRequestEntry.builder().id("3").message("three").build()));
        assertEquals(List.of("1", "3"), r.successful().stream().map(e -> e.id()).toList());
        assertEquals("2", r.failed().get(0).id());
        assertEquals("InvalidParameter", r.failed().get(0).code());
        assertEquals(List.of("one", "three"), drain(q).stream().map(Message::body).sorted().toList());
        assertThrows(software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException.class,
                () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("x").message("a").build(),
                        PublishBatchRequestEntry.builder().id("x").message("b").build())));
    }

    @Test
    void aFifoTopicKeepsOrderAndDeduplicatesIntoAFifoQueue() {
        String topic = sns.createTopic(b -> b.name(unique("ft") + ".fifo").attributes(Map.of("FifoTopic", "true",
                "ContentBasedDeduplication", "true"))).topicArn();
        Queue q = queue(unique("fq") + ".fifo");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            seqs.add(sns.publish(b -> b.topicArn(topic).message("m" + n).messageGroupId("g")).sequenceNumber());
        }
        String dup = sns.publish(b -> b.topicArn(topic).message("m0").messageGroupId("g")).sequenceNumber();
        assertEquals(seqs.get(0), dup);
        assertEquals(seqs.stream().sorted().toList(), seqs);
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        while (!(batch = sqs.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10)).messages()).isEmpty()) {
            for (Message m : batch) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(m.receiptHandle()));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, bodies);
        assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topic).message("x")));
    }

    @Test
    void aMessageTheQueueCannotTakeGoesToTheSubscriptionsDeadLetterQueue() {
        String topic = sns.createTopic(b -> b.name(unique("dlq"))).topicArn();
        Queue gone = queue(unique("gone"));
        Queue dlq = queue(unique("subdlq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(gone.arn()).attributes(Map.of(
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
        sqs.deleteQueue(b -> b.queueUrl(gone.url()));
        sns.publish(b -> b.topicArn(topic).message("lost?"));
        assertEquals("lost?", ((com.fasterxml.jackson.databind.JsonNode) uncheckedJson(drain(dlq).get(0).body()))
                .get("Message").asText());
    }

    @Test
    void aMessageLargerThanTheQueueAllowsGoesToTheDeadLetterQueue() {
        String topic = sns.createTopic(b -> b.name(unique("small"))).topicArn();
        Queue small = queue(unique("small"));
        sqs.setQueueAttributes(b -> b.queueUrl(small.url()).attributesWithStrings(Map.of("MaximumMessageSize", "1024")));
        Queue dlq = queue(unique("small-dlq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(small.arn()).attributes(Map.of(
                "RawMessageDelivery", "true", "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
        sns.publish(b -> b.topicArn(topic).message("x".repeat(2000)));
        sns.publish(b -> b.topicArn(topic).message("fits"));
        assertEquals(List.of("fits"), drain(small).stream().map(Message::body).toList());
        assertEquals(2000, drain(dlq).get(0).body().length());
    }

    private static Object uncheckedJson(String s) {
        try {
            return json(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** This server serves no Lambda API: a delivery to a function fails, as to a missing one. */
    @Test
    void aLambdaDeliveryWithoutLambdaGoesToTheSubscriptionsDeadLetterQueue() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("nofn"))).topicArn();
        Queue dlq = queue(unique("fn-dlq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("lambda")
                .endpoint("arn:aws:lambda:us-east-1:000000000000:function:absent")
                .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}")));
        sns.publish(b -> b.topicArn(topic).message("nobody home"));
        JsonNode event = json(drain(dlq).get(0).body());
        assertEquals("nobody home", event.get("Records").get(0).get("Sns").get("Message").asText());
    }

    @Test
    void aQueueOfAnotherAccountAndRegionReceivesFromSnsInItsOwnAccount() throws Exception {
        try (SqsClient other = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "111122223333", "eu-west-1")) {
            String url = other.createQueue(b -> b.queueName(unique("foreign"))).queueUrl();
            String arn = other.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            assertTrue(arn.startsWith("arn:aws:sqs:eu-west-1:111122223333:"), arn);
            String topic = sns.createTopic(b -> b.name(unique("cross"))).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn));
            sns.publish(b -> b.topicArn(topic).message("across accounts"));
            Message m = other.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages().get(0);
            assertEquals("across accounts", json(m.body()).get("Message").asText());
            assertEquals("AIDAIT2UOQQY3AUEKVGXU", m.attributesAsStrings().get("SenderId"));
        }
    }

    @Test
    void otherServicesPublishWithAnInProcessSnsClient() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("inproc"))).topicArn();
        Queue q = queue(unique("inprocq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn()));
        SnsClient inProcess = gureum.context().clients().client(SnsClient.class, Caller.root("000000000000", "us-east-1"));
        String id = inProcess.publish(b -> b.topicArn(topic).message("from lambda").subject("a subject")).messageId();
        JsonNode envelope = json(drain(q).get(0).body());
        assertEquals(id, envelope.get("MessageId").asText());
        assertEquals("from lambda", envelope.get("Message").asText());
        assertEquals("a subject", envelope.get("Subject").asText());
        // No HTTP request to take a Host from: the envelope's URLs name the server.
        assertTrue(envelope.get("UnsubscribeURL").asText().startsWith("http://" + gureum.endpoint().getAuthority() + "/"),
                envelope.get("UnsubscribeURL").asText());
        sns.deleteTopic(b -> b.topicArn(topic));
        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> inProcess.publish(b -> b.topicArn(topic).message("too late")));
        assertEquals("NotFound", gone.awsErrorDetails().errorCode());
        assertEquals(404, gone.statusCode());
    }
}
