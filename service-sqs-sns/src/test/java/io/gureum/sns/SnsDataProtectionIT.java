package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/** Data protection policies applied to Publish (inbound) and to deliveries (outbound). */
class SnsDataProtectionIT extends SnsTestSupport {

    private static String policy(String direction, String identifiers, String operation) {
        return "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Configuration\":{\"CustomDataIdentifier\":[{\"Name\":"
                + "\"OrderId\",\"Regex\":\"ORD-[0-9]{6}\"}]},\"Statement\":[{\"Sid\":\"s\",\"DataDirection\":\""
                + direction + "\",\"Principal\":[\"*\"],\"DataIdentifier\":[" + identifiers + "],\"Operation\":"
                + operation + "}]}";
    }

    private static String managed(String name) {
        return "\"arn:aws:dataprotection::aws:data-identifier/" + name + "\"";
    }

    private static Queue rawSubscriber(String topic) {
        Queue q = queue(unique("dpq"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn()).attributes(Map.of("RawMessageDelivery",
                "true")));
        return q;
    }

    @Test
    void inboundDenyRefusesPublishOfSensitiveData() {
        String topic = sns.createTopic(b -> b.name(unique("deny"))).topicArn();
        sns.putDataProtectionPolicy(b -> b.resourceArn(topic).dataProtectionPolicy(policy("Inbound",
                managed("EmailAddress"), "{\"Deny\":{}}")));
        Queue q = rawSubscriber(topic);
        AuthorizationErrorException e = assertThrows(AuthorizationErrorException.class,
                () -> sns.publish(b -> b.topicArn(topic).message("contact jane.doe@example.com")));
        assertEquals(403, e.statusCode());
        assertEquals("AuthorizationError", e.awsErrorDetails().errorCode());
        sns.publish(b -> b.topicArn(topic).message("nothing sensitive"));
        PublishBatchResponse batch = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                x -> x.id("a").message("ok"), x -> x.id("b").message("mail me at a@b.io")));
        assertEquals(List.of("a"), batch.successful().stream().map(r -> r.id()).toList());
        assertEquals("AuthorizationError", batch.failed().get(0).code());
        assertEquals(List.of("nothing sensitive", "ok"), SnsFanOutIT.drain(q).stream().map(Message::body).toList());
    }

    @Test
    void inboundDeidentifyMasksOrRedactsBeforeDelivery() {
        String topic = sns.createTopic(b -> b.name(unique("mask"))).topicArn();
        sns.putDataProtectionPolicy(b -> b.resourceArn(topic).dataProtectionPolicy(policy("Inbound",
                managed("CreditCardNumber") + "," + managed("Name"),
                "{\"Deidentify\":{\"MaskConfig\":{\"MaskWithCharacter\":\"#\"}}}")));
        Queue q = rawSubscriber(topic);
        sns.publish(b -> b.topicArn(topic).message("card 4111 1111 1111 1111 and 1234 5678 9012 3456"));
        assertEquals("card ################### and 1234 5678 9012 3456", SnsFanOutIT.drain(q).get(0).body(),
                "only numbers that pass the Luhn check are card numbers");
    }

    @Test
    void outboundStatementsActPerDelivery() {
        String topic = sns.createTopic(b -> b.name(unique("out"))).topicArn();
        sns.putDataProtectionPolicy(b -> b.resourceArn(topic).dataProtectionPolicy(
                "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Configuration\":{\"CustomDataIdentifier\":[{\"Name\":"
                        + "\"OrderId\",\"Regex\":\"ORD-[0-9]{6}\"}]},\"Statement\":["
                        + "{\"DataDirection\":\"Outbound\",\"Principal\":[\"*\"],\"DataIdentifier\":["
                        + managed("AwsSecretKey") + "],\"Operation\":{\"Deny\":{}}},"
                        + "{\"DataDirection\":\"Outbound\",\"Principal\":[\"arn:aws:iam::000000000000:root\"],"
                        + "\"DataIdentifier\":[\"OrderId\"],\"Operation\":{\"Deidentify\":{\"RedactConfig\":{}}}}]}"));
        Queue q = rawSubscriber(topic);
        sns.publish(b -> b.topicArn(topic).message("order ORD-123456 shipped"));
        sns.publish(b -> b.topicArn(topic).message("key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here"));
        assertEquals(List.of("order  shipped"), SnsFanOutIT.drain(q).stream().map(Message::body).toList());
        assertTrue(sns.getDataProtectionPolicy(b -> b.resourceArn(topic)).dataProtectionPolicy().contains("OrderId"));
    }

    @Test
    void invalidPoliciesAreRefused() {
        String topic = sns.createTopic(b -> b.name(unique("bad"))).topicArn();
        for (String bad : List.of(
                "{\"Name\":\"p\",\"Version\":\"2012-10-17\",\"Statement\":[]}",
                "{\"Name\":\"p\",\"Version\":\"2021-06-01\"}",
                policy("Sideways", managed("EmailAddress"), "{\"Deny\":{}}"),
                policy("Inbound", "\"NoSuchCustom\"", "{\"Deny\":{}}"),
                policy("Outbound", managed("EmailAddress"), "{\"Audit\":{\"SampleRate\":\"99\"}}"),
                policy("Inbound", managed("EmailAddress"), "{\"Deidentify\":{\"MaskConfig\":{},\"RedactConfig\":{}}}"),
                policy("Inbound", managed("EmailAddress"), "{\"Deny\":{},\"Audit\":{\"SampleRate\":\"1\"}}"))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> sns.putDataProtectionPolicy(b -> b.resourceArn(topic).dataProtectionPolicy(bad)), bad);
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid parameter: DataProtectionPolicy"),
                    e.awsErrorDetails().errorMessage());
        }
        assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name(unique("bad2"))
                .dataProtectionPolicy(policy("Inbound", "\"Nope\"", "{\"Deny\":{}}"))));
    }
}
