package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Asynchronous invocation: retries on Gureum's clock, dead-letter queue, OnSuccess/OnFailure destinations,
 * destinations of every kind, and SNS invoking a function in-process under the function's resource policy
 * (this server enforces IAM).
 */
class AsyncInvokeIT extends LambdaTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FAILING = "def handler(event, context):\n    raise RuntimeError('boom')\n";
    static SnsClient sns;

    /** This class's server enforces IAM; the base class's plain one stays unused. */
    @RegisterExtension
    static final GureumExtension own = GureumExtension.builder().config(c -> c.enforceIam(true)).build();

    @BeforeAll
    static void start() {
        gureum = own.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        sns = AwsClients.client(SnsClient.builder(), gureum);
        // With enforce-iam, the execution role must exist in IAM and trust Lambda.
        try (IamClient iam = AwsClients.client(IamClient.builder(), gureum)) {
            iam.createRole(b -> b.roleName("lambda-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
        }
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    static void advance(int seconds) {
        gureum.context().clock().advance(Duration.ofSeconds(seconds));
    }

    static void invokeEvent(String name, String payload) {
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode());
    }

    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void aFailingEventIsRetriedTwiceOnTheClockThenDeadLetteredAndRecorded() throws Exception {
        String dlq = createQueue(unique("dlq"));
        String onFailure = createQueue(unique("on-failure"));
        String name = unique("failing");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(60)
                .deadLetterConfig(d -> d.targetArn(queueArn(dlq)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FAILING)))));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn(onFailure)))));
        invokeEvent(name, "{\"order\": 42}");
        awaitInvocations(name, 1);
        sleep(300);
        assertEquals(1, invocationLogs(name).size(), "the first retry waits a minute");
        advance(60);
        awaitInvocations(name, 2);
        advance(60);
        sleep(300);
        assertEquals(2, invocationLogs(name).size(), "the second retry waits two minutes");
        advance(60);
        JsonNode logs = awaitInvocations(name, 3);
        assertEquals("Unhandled", logs.get(2).get("FunctionError").asText());

        Message dead = receiveOne(dlq);
        assertEquals("{\"order\": 42}", dead.body());
        assertEquals("boom", dead.messageAttributes().get("ErrorMessage").stringValue());
        assertEquals("200", dead.messageAttributes().get("ErrorCode").stringValue());
        assertEquals(logs.get(0).get("RequestId").asText(), dead.messageAttributes().get("RequestID").stringValue());

        JsonNode record = JSON.readTree(receiveOne(onFailure).body());
        assertEquals("1.0", record.get("version").asText());
        assertEquals("RetriesExhausted", record.at("/requestContext/condition").asText());
        assertEquals(3, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name + ":$LATEST",
                record.at("/requestContext/functionArn").asText());
        assertEquals(42, record.at("/requestPayload/order").asInt());
        assertEquals("Unhandled", record.at("/responseContext/functionError").asText());
        assertEquals("boom", record.at("/responsePayload/errorMessage").asText());
    }

    @Test
    void maximumRetryAttemptsZeroFailsAfterOneAttempt() throws Exception {
        String dlq = createQueue(unique("dlq"));
        String name = unique("failing");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .deadLetterConfig(d -> d.targetArn(queueArn(dlq)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FAILING)))));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0));
        invokeEvent(name, "{\"n\": 1}");
        assertEquals("{\"n\": 1}", receiveOne(dlq).body());
        assertEquals(1, invocationLogs(name).size());
    }

    @Test
    void aSuccessfulEventGoesToTheOnSuccessDestination() throws Exception {
        String onSuccess = createQueue(unique("on-success"));
        String name = unique("ok");
        createPython(name, "def handler(event, context):\n    return {'doubled': event['n'] * 2}\n");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(queueArn(onSuccess)))));
        invokeEvent(name, "{\"n\": 21}");
        JsonNode record = JSON.readTree(receiveOne(onSuccess).body());
        assertEquals("Success", record.at("/requestContext/condition").asText());
        assertEquals(1, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals(42, record.at("/responsePayload/doubled").asInt());
        assertEquals("$LATEST", record.at("/responseContext/executedVersion").asText());
        assertTrue(record.at("/responseContext/functionError").isMissingNode());
    }

    /** A function that sends the SNS message of its event to the queue in its QUEUE_URL. */
    static String createForwarder(String name, String queueUrl) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(e -> e.variables(java.util.Map.of("QUEUE_URL", queueUrl)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", "import os, json, boto3\n"
                        + "def handler(event, context):\n"
                        + "    r = event.get('Records')\n"
                        + "    body = r[0]['Sns']['Message'] if r else json.dumps(event)\n"
                        + "    boto3.client('sqs').send_message(QueueUrl=os.environ['QUEUE_URL'], MessageBody=body)\n")))));
        return lambda.getFunction(b -> b.functionName(name)).configuration().functionArn();
    }

    static String snsEvent(String topicArn, String message) {
        return "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"TopicArn\":\"" + topicArn
                + "\",\"Message\":\"" + message + "\"}}]}";
    }

    /**
     * SNS delivers to a function with an in-process LambdaClient as sns.amazonaws.com on behalf of the topic:
     * an asynchronous Invoke, refused until the function's policy allows the topic.
     */
    @Test
    void snsInvokesAFunctionInProcessOnlyWhenItsPolicyAllowsTheTopic() {
        String out = createQueue(unique("sns-out"));
        String name = unique("from-sns");
        String functionArn = createForwarder(name, out);
        String topic = "arn:aws:sns:us-east-1:000000000000:" + unique("topic");
        LambdaClient asSns = gureum.context().clients().client(LambdaClient.class,
                Caller.service("sns.amazonaws.com", "000000000000", "us-east-1", topic));

        // Lambda's model has no class for AccessDeniedException: in-process callers get the plain SDK exception.
        AwsServiceException denied = assertAwsError(AwsServiceException.class, "AccessDeniedException", 403,
                () -> asSns.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(snsEvent(topic, "denied")))));
        assertTrue(denied.awsErrorDetails().errorMessage().startsWith("User: sns.amazonaws.com is not authorized to "
                + "perform: lambda:InvokeFunction on resource: " + functionArn), denied.getMessage());

        lambda.addPermission(b -> b.functionName(name).statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        LambdaClient fromOtherTopic = gureum.context().clients().client(LambdaClient.class,
                Caller.service("sns.amazonaws.com", "000000000000", "us-east-1", topic + "-other"));
        assertAwsError(AwsServiceException.class, "AccessDeniedException", 403,
                () -> fromOtherTopic.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(snsEvent(topic, "other topic")))));

        assertEquals(202, asSns.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(snsEvent(topic, "allowed")))).statusCode());
        assertEquals("allowed", receiveOne(out).body());
        assertEquals("Event", awaitInvocations(name, 1).get(0).get("InvocationType").asText());
    }

    /** A dead-letter topic gets the event, with Lambda's RequestID and ErrorMessage attributes, through SNS. */
    @Test
    void aDeadLetterTopicGetsTheEventWithItsAttributes() throws Exception {
        String inbox = createQueue(unique("topic-inbox"));
        String topic = sns.createTopic(b -> b.name(unique("dlt"))).topicArn();
        String inboxArn = queueArn(inbox);
        // With IAM enforced, SNS delivers only where the queue policy allows the topic, as in AWS
        // (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
        sqs.setQueueAttributes(b -> b.queueUrl(inbox).attributesWithStrings(java.util.Map.of("Policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + inboxArn + "\","
                        + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topic + "\"}}}]}")));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(inboxArn));
        String name = unique("failing");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .deadLetterConfig(d -> d.targetArn(topic))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FAILING)))));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0));
        invokeEvent(name, "{\"n\": 7}");
        JsonNode envelope = JSON.readTree(receiveOne(inbox).body());
        assertEquals(topic, envelope.get("TopicArn").asText());
        assertEquals("{\"n\": 7}", envelope.get("Message").asText());
        assertEquals("boom", envelope.at("/MessageAttributes/ErrorMessage/Value").asText(), envelope.toString());
        assertEquals(awaitInvocations(name, 1).get(0).get("RequestId").asText(),
                envelope.at("/MessageAttributes/RequestID/Value").asText());
    }

    /**
     * A function as OnSuccess destination receives the record through an asynchronous Invoke; the sending
     * function's execution role authorises it, so the destination needs no resource policy even with IAM
     * enforced.
     */
    @Test
    void aFunctionDestinationReceivesTheRecord() throws Exception {
        String out = createQueue(unique("dest-out"));
        String destination = unique("destination");
        String destinationArn = createForwarder(destination, out);
        String name = unique("source");
        createEcho(name);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(destinationArn))));
        invokeEvent(name, "{\"hello\": \"world\"}");
        JsonNode record = JSON.readTree(receiveOne(out).body());
        assertEquals("Success", record.at("/requestContext/condition").asText());
        assertEquals("world", record.at("/responsePayload/hello").asText());
        assertEquals("Event", awaitInvocations(destination, 1).get(0).get("InvocationType").asText());
    }
}
