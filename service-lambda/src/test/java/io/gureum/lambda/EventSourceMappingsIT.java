package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS event source mappings: the API, and a queue's messages reaching a python function. */
class EventSourceMappingsIT extends LambdaTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Forwards each record (as Lambda shaped it) to OUT, and reports the bodies "fail" as batch item failures. */
    static final String FORWARDER = "import os, json, boto3\n"
            + "sqs = boto3.client('sqs')\n"
            + "def handler(event, context):\n"
            + "    failures = []\n"
            + "    for r in event['Records']:\n"
            + "        if r['body'] == 'fail':\n"
            + "            failures.append({'itemIdentifier': r['messageId']})\n"
            + "        else:\n"
            + "            sqs.send_message(QueueUrl=os.environ['OUT'], MessageBody=json.dumps(r))\n"
            + "    return {'batchItemFailures': failures}\n";

    @Test
    void mappingsAreCreatedReadUpdatedListedAndDeleted() {
        String queue = createQueue(unique("esm"));
        String name = unique("fn");
        String functionArn = createEcho(name).functionArn();
        var created = lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(queueArn(queue))
                .enabled(false));
        assertEquals("Creating", created.state());
        assertTrue(created.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals(10, created.batchSize());
        assertEquals(functionArn, created.functionArn());
        assertEquals("Disabled", lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).state());
        ResourceConflictException dup = assertAwsError(ResourceConflictException.class, "ResourceConflictException",
                409, () -> lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(queueArn(queue))));
        assertTrue(dup.awsErrorDetails().errorMessage().endsWith(created.uuid()));

        var enabling = lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).enabled(true).batchSize(5));
        assertEquals("Enabling", enabling.state());
        assertEquals(5, enabling.batchSize());
        assertEquals("Enabled", lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).state());
        assertEquals(List.of(created.uuid()), lambda.listEventSourceMappings(b -> b.functionName(name))
                .eventSourceMappings().stream().map(m -> m.uuid()).toList());
        assertEquals(1, lambda.listEventSourceMappings(b -> b.eventSourceArn(queueArn(queue))).eventSourceMappings()
                .size());

        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateEventSourceMapping(b -> b.uuid(created.uuid()).batchSize(100)));
        assertEquals("Deleting", lambda.deleteEventSourceMapping(b -> b.uuid(created.uuid())).state());
        ResourceNotFoundException gone = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.getEventSourceMapping(b -> b.uuid(created.uuid())));
        assertEquals("The resource you requested does not exist.", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void createRefusesMissingQueuesAndFunctions() {
        String name = unique("fn");
        createEcho(name);
        InvalidParameterValueException noQueue = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createEventSourceMapping(b -> b.functionName(name)
                        .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:" + unique("none"))));
        assertTrue(noQueue.awsErrorDetails().errorMessage().contains("AWS.SimpleQueueService.NonExistentQueue"));
        String queue = queueArn(createQueue(unique("esm")));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.createEventSourceMapping(b -> b.functionName(unique("none")).eventSourceArn(queue)));
        InvalidParameterValueException window = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400, () -> lambda.createEventSourceMapping(b -> b.functionName(name)
                        .eventSourceArn(queue).batchSize(100)));
        assertEquals("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
                window.awsErrorDetails().errorMessage());
    }

    @Test
    void messagesReachTheFunctionInLambdasShapeAndReportedFailuresStay() throws Exception {
        String in = createQueue(unique("in"));
        String out = createQueue(unique("out"));
        sqs.setQueueAttributes(b -> b.queueUrl(in).attributesWithStrings(Map.of("VisibilityTimeout", "600")));
        String name = unique("consumer");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(e -> e.variables(Map.of("OUT", out)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FORWARDER)))));
        sqs.sendMessage(b -> b.queueUrl(in).messageBody("hello").messageAttributes(Map.of("kind",
                MessageAttributeValue.builder().dataType("String").stringValue("greeting").build())));
        sqs.sendMessage(b -> b.queueUrl(in).messageBody("fail"));
        String inArn = queueArn(in);
        lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(inArn)
                .functionResponseTypesWithStrings("ReportBatchItemFailures"));

        JsonNode record = JSON.readTree(receiveOne(out).body());
        assertEquals("hello", record.get("body").asText());
        assertEquals("aws:sqs", record.get("eventSource").asText());
        assertEquals(inArn, record.get("eventSourceARN").asText());
        assertEquals("us-east-1", record.get("awsRegion").asText());
        assertEquals("5d41402abc4b2a76b9719d911017c592", record.get("md5OfBody").asText());
        assertEquals("1", record.at("/attributes/ApproximateReceiveCount").asText());
        assertEquals("greeting", record.at("/messageAttributes/kind/stringValue").asText());
        assertEquals("String", record.at("/messageAttributes/kind/dataType").asText());
        assertTrue(record.hasNonNull("receiptHandle") && record.hasNonNull("messageId"));

        // the delivered message was deleted; the reported failure is still in flight
        long deadline = System.nanoTime() + 10_000_000_000L;
        String inFlight;
        do {
            Thread.sleep(100);
            var attrs = sqs.getQueueAttributes(b -> b.queueUrl(in).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            inFlight = attrs.get("ApproximateNumberOfMessagesNotVisible") + "/" + attrs.get("ApproximateNumberOfMessages");
        } while (!inFlight.equals("1/0") && System.nanoTime() < deadline);
        assertEquals("1/0", inFlight, "not visible / visible");
    }

    /**
     * FilterCriteria: a JSON body is matched as JSON, a text body as text, either filter passes a message; the
     * messages no filter passes are deleted without reaching the function
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html).
     */
    @Test
    void filtersPassMatchingMessagesAndDeleteTheOthers() throws Exception {
        String in = createQueue(unique("in"));
        String out = createQueue(unique("out"));
        String name = unique("filtered");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .environment(e -> e.variables(Map.of("OUT", out)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", FORWARDER)))));
        for (String body : List.of("{\"kind\": \"keep\", \"n\": 1}", "{\"kind\": \"drop\"}", "plain text", "other text",
                "{\"kind\": \"keep\", \"n\": 2}")) {
            sqs.sendMessage(b -> b.queueUrl(in).messageBody(body));
        }
        String mapping = lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(queueArn(in))
                .filterCriteria(f -> f.filters(x -> x.pattern("{\"body\": {\"kind\": [\"keep\"]}}"),
                        x -> x.pattern("{\"body\": [\"plain text\"]}")))).uuid();
        assertEquals(2, lambda.getEventSourceMapping(b -> b.uuid(mapping)).filterCriteria().filters().size());

        java.util.Set<String> forwarded = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            forwarded.add(JSON.readTree(receiveOne(out).body()).get("body").asText());
        }
        assertEquals(java.util.Set.of("{\"kind\": \"keep\", \"n\": 1}", "{\"kind\": \"keep\", \"n\": 2}", "plain text"),
                forwarded);
        long deadline = System.nanoTime() + 10_000_000_000L;
        String left;
        do {
            Thread.sleep(100);
            var attrs = sqs.getQueueAttributes(b -> b.queueUrl(in).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            left = attrs.get("ApproximateNumberOfMessagesNotVisible") + "/" + attrs.get("ApproximateNumberOfMessages");
        } while (!left.equals("0/0") && System.nanoTime() < deadline);
        assertEquals("0/0", left, "the filtered-out messages were deleted");

        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateEventSourceMapping(b -> b.uuid(mapping)
                        .filterCriteria(f -> f.filters(x -> x.pattern("not json")))));
    }
}
