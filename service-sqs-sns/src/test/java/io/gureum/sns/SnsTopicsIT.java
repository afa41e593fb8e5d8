package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

class SnsTopicsIT extends SnsTestSupport {

    @Test
    void createIsIdempotentAndTopicsHaveAwsAttributes() {
        String name = unique("news");
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        assertEquals("arn:aws:sns:us-east-1:000000000000:" + name, arn);
        assertEquals(arn, sns.createTopic(b -> b.name(name)).topicArn());
        Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertEquals(arn, a.get("TopicArn"));
        assertEquals("000000000000", a.get("Owner"));
        assertEquals("0", a.get("SubscriptionsConfirmed"));
        assertTrue(a.get("Policy").contains("__default_policy_ID"));
        assertTrue(a.get("EffectiveDeliveryPolicy").contains("defaultHealthyRetryPolicy"));
        assertFalse(a.containsKey("FifoTopic"));
        sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("News"));
        assertEquals("News", sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("DisplayName"));
        assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name(name)
                .attributes(Map.of("DisplayName", "Other"))));
    }

    @Test
    void fifoTopicsNeedTheSuffixAndTheAttribute() {
        String arn = sns.createTopic(b -> b.name(unique("orders") + ".fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
        Map<String, String> a = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertEquals("true", a.get("FifoTopic"));
        assertEquals("true", a.get("ContentBasedDeduplication"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> sns.createTopic(b -> b.name(unique("nofifo")).attributes(Map.of("FifoTopic", "true"))));
        assertEquals("InvalidParameter", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name("bad name")));
    }

    @Test
    void unknownTopicsAreNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> sns.getTopicAttributes(
                b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:absent")));
        assertEquals("NotFound", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
        assertThrows(NotFoundException.class, () -> sns.publish(b -> b.topicArn(
                "arn:aws:sns:us-east-1:000000000000:absent").message("x")));
        sns.deleteTopic(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:absent"));
    }

    @Test
    void listTopicsPagesByHundred() {
        String prefix = unique("many");
        for (int i = 0; i < 105; i++) {
            int n = i;
            sns.createTopic(b -> b.name(prefix + "-" + n));
        }
        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListTopicsResponse r = sns.listTopics(b -> b.nextToken(t));
            r.topics().stream().map(Topic::topicArn).forEach(all::add);
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertTrue(pages >= 2);
        assertEquals(105, all.stream().filter(a -> a.contains(prefix)).count());
    }

    @Test
    void tagsOnTopics() {
        String arn = sns.createTopic(b -> b.name(unique("tagged")).tags(Tag.builder().key("team").value("a").build()))
                .topicArn();
        sns.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(2, sns.listTagsForResource(b -> b.resourceArn(arn)).tags().size());
        sns.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("env").value("dev").build()),
                sns.listTagsForResource(b -> b.resourceArn(arn)).tags());
        assertThrows(ResourceNotFoundException.class, () -> sns.listTagsForResource(
                b -> b.resourceArn("arn:aws:sns:us-east-1:000000000000:absent")));
    }

    @Test
    void subscriptionsAreListedAndRemoved() {
        String arn = sns.createTopic(b -> b.name(unique("subs"))).topicArn();
        Queue q = queue(unique("subq"));
        String sub = sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(q.arn())).subscriptionArn();
        assertTrue(sub.startsWith(arn + ":"));
        assertEquals(sub, sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(q.arn())).subscriptionArn());
        List<Subscription> listed = sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions();
        assertEquals(1, listed.size());
        assertEquals(q.arn(), listed.get(0).endpoint());
        Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)).attributes();
        assertEquals("false", a.get("PendingConfirmation"));
        assertEquals("false", a.get("RawMessageDelivery"));
        assertEquals("1", sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("SubscriptionsConfirmed"));
        sns.unsubscribe(b -> b.subscriptionArn(sub));
        assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions().isEmpty());
        assertThrows(NotFoundException.class, () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)));
    }

    @Test
    void emailSubscriptionsWaitForConfirmation() {
        String arn = sns.createTopic(b -> b.name(unique("mail"))).topicArn();
        assertEquals("pending confirmation", sns.subscribe(b -> b.topicArn(arn).protocol("email")
                .endpoint("me@example.com")).subscriptionArn());
        Subscription listed = sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions().get(0);
        assertEquals("PendingConfirmation", listed.subscriptionArn());
        assertThrows(InvalidParameterException.class, () -> sns.confirmSubscription(b -> b.topicArn(arn).token("nope")));
    }

    @Test
    void subscribeValidatesProtocolsEndpointsAndAttributes() {
        String arn = sns.createTopic(b -> b.name(unique("valid"))).topicArn();
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(arn).protocol("carrier-pigeon")
                .endpoint("x")));
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(arn).protocol("sqs")
                .endpoint("not-an-arn")));
        Queue q = queue(unique("attrq"));
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(arn).protocol("sqs")
                .endpoint(q.arn()).attributes(Map.of("FilterPolicy", "{\"a\": \"not an array\"}"))));
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(arn).protocol("email")
                .endpoint("me@example.com").attributes(Map.of("RawMessageDelivery", "true"))));
        Queue fifo = queue(unique("f") + ".fifo");
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(b -> b.topicArn(arn).protocol("sqs")
                .endpoint(fifo.arn())));
    }

    @Test
    void permissionsAndDataProtectionPoliciesAreStored() {
        String arn = sns.createTopic(b -> b.name(unique("perm"))).topicArn();
        sns.addPermission(b -> b.topicArn(arn).label("pub").awsAccountIds("111122223333").actionNames("Publish"));
        assertTrue(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy").contains("\"Sid\":\"pub\""));
        sns.removePermission(b -> b.topicArn(arn).label("pub"));
        assertFalse(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy").contains("\"Sid\":\"pub\""));
        String dpp = "{\"Name\":\"p\",\"Description\":\"\",\"Version\":\"2021-06-01\",\"Statement\":[]}";
        sns.putDataProtectionPolicy(b -> b.resourceArn(arn).dataProtectionPolicy(dpp));
        assertEquals(dpp, sns.getDataProtectionPolicy(b -> b.resourceArn(arn)).dataProtectionPolicy());
    }

    @Test
    void platformEndpointsAndSmsAreRecorded() {
        String app = sns.createPlatformApplication(b -> b.name(unique("app")).platform("GCM")
                .attributes(Map.of("PlatformCredential", "secret"))).platformApplicationArn();
        assertFalse(sns.getPlatformApplicationAttributes(b -> b.platformApplicationArn(app)).attributes()
                .containsKey("PlatformCredential"));
        String endpoint = sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("device-1")).endpointArn();
        assertEquals(endpoint, sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("device-1"))
                .endpointArn());
        assertNotNull(sns.publish(b -> b.targetArn(endpoint).message("push!")).messageId());
        assertNotNull(sns.publish(b -> b.phoneNumber("+15555550100").message("sms!")).messageId());
        assertEquals(1, sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(app)).endpoints().size());
        sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
        assertThrows(software.amazon.awssdk.services.sns.model.EndpointDisabledException.class,
                () -> sns.publish(b -> b.targetArn(endpoint).message("x")));
    }
}
