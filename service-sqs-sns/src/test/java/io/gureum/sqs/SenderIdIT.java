package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SenderId of a message: the HTTP caller's access key, or what AWS shows for the in-process principal. */
class SenderIdIT {
    static final String ACCOUNT = "000000000000";
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static SqsClient http;
    static String url;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        http = AwsClients.client(SqsClient.builder(), gureum);
        url = http.createQueue(b -> b.queueName("senders")).queueUrl();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    static String senderOf(SqsClient sender) {
        sender.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        var m = http.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.SENDER_ID))
                .messages().get(0);
        http.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        return m.attributesAsStrings().get("SenderId");
    }

    static SqsClient as(Caller caller) {
        return gureum.context().clients().client(SqsClient.class, caller);
    }

    @Test
    void anHttpCallerIsKnownByItsAccessKey() {
        assertEquals("test", senderOf(http));
    }

    @Test
    void snsDeliveriesShowTheIdAwsShowsForSns() {
        assertEquals("AIDAIT2UOQQY3AUEKVGXU", senderOf(as(Caller.service("sns.amazonaws.com", ACCOUNT, "us-east-1",
                "arn:aws:sns:us-east-1:" + ACCOUNT + ":topic"))));
    }

    @Test
    void otherPrincipalsGetIamShapedIds() {
        assertEquals(ACCOUNT, senderOf(as(Caller.root(ACCOUNT, "us-east-1"))));
        String events = senderOf(as(Caller.service("events.amazonaws.com", ACCOUNT, "us-east-1", null)));
        assertTrue(events.matches("AIDA[A-Z2-7]{17}"), events);
        assertEquals(events, senderOf(as(Caller.service("events.amazonaws.com", ACCOUNT, "us-east-1", null))));
        String role = senderOf(as(new Caller(ACCOUNT, "us-east-1",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/worker/i-0abc", null)));
        assertTrue(role.matches("AROA[A-Z2-7]{17}:i-0abc"), role);
        String otherRole = senderOf(as(new Caller(ACCOUNT, "us-east-1",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/other/i-0abc", null)));
        assertNotEquals(role, otherRole);
    }
}
