package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** SNS behaviours that clients and third-party suites check against AWS. */
class SnsEdgeCasesIT extends SnsTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> post(Map<String, String> form) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("Version", "2010-03-31");
        String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** botocore's query parser fails with KeyError unless the (empty) result wrapper is present. */
    @Test
    void operationsWithEmptyOutputsCarryTheirResultElement() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("empty-result"))).topicArn();
        HttpResponse<String> tagged = post(Map.of("Action", "TagResource", "ResourceArn", topic,
                "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"));
        assertEquals(200, tagged.statusCode());
        assertTrue(tagged.body().contains("<TagResourceResult/><ResponseMetadata>"), tagged.body());
        HttpResponse<String> untagged = post(Map.of("Action", "UntagResource", "ResourceArn", topic,
                "TagKeys.member.1", "k"));
        assertTrue(untagged.body().contains("<UntagResourceResult/>"), untagged.body());
        HttpResponse<String> optIn = post(Map.of("Action", "OptInPhoneNumber", "phoneNumber", "+15555550100"));
        assertTrue(optIn.body().contains("<OptInPhoneNumberResult/>"), optIn.body());
        // Operations without an output shape stay as they were.
        HttpResponse<String> set = post(Map.of("Action", "SetTopicAttributes", "TopicArn", topic,
                "AttributeName", "DisplayName", "AttributeValue", "d"));
        assertEquals(200, set.statusCode());
        assertFalse(set.body().contains("Result"), set.body());
        // Errors are untouched.
        HttpResponse<String> failed = post(Map.of("Action", "TagResource", "ResourceArn", topic + "-missing",
                "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"));
        assertEquals(404, failed.statusCode());
        assertFalse(failed.body().contains("TagResourceResult"), failed.body());
    }

    @Test
    void unsubscribingASubscriptionThatIsGoneSucceeds() {
        String topic = sns.createTopic(b -> b.name(unique("unsub"))).topicArn();
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queue(unique("unsub")).arn()))
                .subscriptionArn();
        sns.unsubscribe(b -> b.subscriptionArn(sub));
        sns.unsubscribe(b -> b.subscriptionArn(sub));
        sns.unsubscribe(b -> b.subscriptionArn(topic + ":00000000-0000-0000-0000-000000000000"));
        assertThrows(NotFoundException.class, () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub)));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> sns.unsubscribe(b -> b.subscriptionArn("not-an-arn")));
        assertEquals(400, e.statusCode());
    }

    @Test
    void malformedPhoneNumbersAreRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+15555550100x")));
        assertEquals("InvalidParameter", e.awsErrorDetails().errorCode());
        assertEquals("Invalid parameter: PhoneNumber Reason: input incorrectly formatted",
                e.awsErrorDetails().errorMessage());
        assertThrows(InvalidParameterException.class, () -> sns.optInPhoneNumber(b -> b.phoneNumber("abc")));
        assertFalse(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+15555550100")).isOptedOut());
    }

    @Test
    void anAccountHasNoOriginationNumbers() {
        var page = sns.listOriginationNumbers(b -> b.maxResults(30));
        assertTrue(page.phoneNumbers().isEmpty());
        assertEquals(null, page.nextToken());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> sns.listOriginationNumbers(b -> b.nextToken("not-a-token")));
        assertEquals(400, e.statusCode());
        InvalidParameterException tooMany = assertThrows(InvalidParameterException.class,
                () -> sns.listOriginationNumbers(b -> b.maxResults(31)));
        assertEquals("InvalidParameter", tooMany.awsErrorDetails().errorCode());
        assertEquals(400, tooMany.statusCode());
    }

    @Test
    void sandboxNumbersPageByMaxResults() {
        String a = "+1206555" + String.format("%04d", (int) (Math.random() * 10000));
        sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(a));
        sns.createSMSSandboxPhoneNumber(b -> b.phoneNumber(a + "1"));
        var first = sns.listSMSSandboxPhoneNumbers(b -> b.maxResults(1));
        assertEquals(1, first.phoneNumbers().size());
        assertTrue(first.nextToken() != null);
        var rest = sns.listSMSSandboxPhoneNumbers(b -> b.nextToken(first.nextToken()).maxResults(100));
        assertTrue(rest.phoneNumbers().stream().noneMatch(n -> n.phoneNumber().equals(first.phoneNumbers().get(0)
                .phoneNumber())));
        sns.deleteSMSSandboxPhoneNumber(b -> b.phoneNumber(a));
        sns.deleteSMSSandboxPhoneNumber(b -> b.phoneNumber(a + "1"));
    }

    @Test
    void reservedSmsAttributesArePublishable() {
        sns.publish(b -> b.phoneNumber("+15555550100").message("code 1234").messageAttributes(Map.of(
                "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional")
                        .build())));
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                () -> sns.publish(b -> b.phoneNumber("+15555550100").message("x").messageAttributes(Map.of(
                        "AWS.custom", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))));
        assertEquals("ParameterValueInvalid", e.awsErrorDetails().errorCode());
    }

    @Test
    void invalidNumericFiltersAreReportedUnderAttributesReason() {
        String topic = sns.createTopic(b -> b.name(unique("numeric"))).topicArn();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> sns.subscribe(
                b -> b.topicArn(topic).protocol("sqs").endpoint(queue(unique("numeric")).arn()).attributes(Map.of(
                        "FilterPolicy", "{\"price\":[{\"numeric\":[\">\",20,\"<\",1]}]}"))));
        assertEquals(400, e.statusCode());
        assertEquals("Invalid parameter: Attributes Reason: FilterPolicy: Bottom must be less than top",
                e.awsErrorDetails().errorMessage());
    }
}
