package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * SQS errors over the JSON protocol as SQS sends them: {@code __type} in the {@code com.amazonaws.sqs#}
 * namespace, {@code x-amzn-query-error} with the legacy query code and fault
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html).
 */
class SqsJsonErrorsIT extends SqsTestSupport {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Reply call(String operation, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r);
    }

    static void expect(Reply r, int status, String type, String queryError) {
        assertEquals(status, r.status(), r.raw().body());
        assertEquals("com.amazonaws.sqs#" + type, r.body().get("__type").asText(), r.raw().body());
        assertEquals(type, r.header("x-amzn-ErrorType"));
        assertEquals(queryError, r.header("x-amzn-query-error"), r.raw().body());
    }

    @Test
    void everyErrorCarriesTheNamespacedTypeAndTheQueryCode() throws Exception {
        String url = createQueue(unique("jsonerr"));
        String q = "\"QueueUrl\":\"" + url + "\"";
        expect(call("GetQueueUrl", "{\"QueueName\":\"nope-json\"}"), 400, "QueueDoesNotExist",
                "AWS.SimpleQueueService.NonExistentQueue;Sender");
        expect(call("CreateQueue", "{\"QueueName\":\"" + url.substring(url.lastIndexOf('/') + 1)
                + "\",\"Attributes\":{\"VisibilityTimeout\":\"99\"}}"), 400, "QueueNameExists", "QueueAlreadyExists;Sender");
        expect(call("DeleteMessage", "{" + q + ",\"ReceiptHandle\":\"garbage\"}"), 404, "ReceiptHandleIsInvalid",
                "ReceiptHandleIsInvalid;Sender");
        expect(call("GetQueueAttributes", "{" + q + ",\"AttributeNames\":[\"Bogus\"]}"), 400, "InvalidAttributeName",
                "InvalidAttributeName;Sender");
        expect(call("SetQueueAttributes", "{" + q + ",\"Attributes\":{\"VisibilityTimeout\":\"-1\"}}"), 400,
                "InvalidAttributeValue", "InvalidAttributeValue;Sender");
        expect(call("SendMessageBatch", "{" + q + ",\"Entries\":[]}"), 400, "EmptyBatchRequest",
                "AWS.SimpleQueueService.EmptyBatchRequest;Sender");
        expect(call("DeleteMessageBatch", "{" + q + ",\"Entries\":[{\"Id\":\"a\",\"ReceiptHandle\":\"x\"},"
                + "{\"Id\":\"a\",\"ReceiptHandle\":\"y\"}]}"), 400, "BatchEntryIdsNotDistinct",
                "AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender");
        expect(call("SendMessageBatch", "{" + q + ",\"Entries\":[{\"Id\":\"a b\",\"MessageBody\":\"x\"}]}"),
                400, "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId;Sender");
        expect(call("SendMessage", "{" + q + ",\"MessageBody\":\"\\u0000\"}"), 400, "InvalidMessageContents",
                "InvalidMessageContents;Sender");
        expect(call("ListMessageMoveTasks", "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\"}"), 404,
                "ResourceNotFoundException", "ResourceNotFoundException;Sender");
        call("PurgeQueue", "{" + q + "}");
        expect(call("PurgeQueue", "{" + q + "}"), 403, "PurgeQueueInProgress",
                "AWS.SimpleQueueService.PurgeQueueInProgress;Sender");
    }

    @Test
    void errorsWithoutAModeledShapeCarryTheirOwnCodeInBothPlaces() throws Exception {
        String url = createQueue(unique("jsonerr2"));
        String q = "\"QueueUrl\":\"" + url + "\"";
        Reply missing = call("SendMessage", "{" + q + "}");
        expect(missing, 400, "MissingParameter", "MissingParameter;Sender");
        assertEquals("The request must contain the parameter MessageBody.", missing.body().get("message").asText());
        Reply invalid = call("ReceiveMessage", "{" + q + ",\"MaxNumberOfMessages\":50}");
        expect(invalid, 400, "InvalidParameterValue", "InvalidParameterValue;Sender");
        assertEquals("Value 50 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
                invalid.body().get("message").asText());
    }

    @Test
    void theSdkReportsTheQueryCodes() {
        String url = createQueue(unique("jsonerr3"));
        QueueDoesNotExistException gone = assertThrows(QueueDoesNotExistException.class,
                () -> sqs.getQueueUrl(b -> b.queueName("nope-sdk")));
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", gone.awsErrorDetails().errorCode());
        assertEquals(400, gone.statusCode());
        ReceiptHandleIsInvalidException handle = assertThrows(ReceiptHandleIsInvalidException.class,
                () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
        assertEquals("ReceiptHandleIsInvalid", handle.awsErrorDetails().errorCode());
        assertEquals("The input receipt handle \"garbage\" is not a valid receipt handle.",
                handle.awsErrorDetails().errorMessage());
        assertEquals(404, handle.statusCode());
        for (var call : List.<Runnable>of(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(50)),
                () -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("garbage").visibilityTimeout(5)))) {
            AwsServiceException e = assertThrows(AwsServiceException.class, call::run);
            assertEquals(true, List.of("InvalidParameterValue", "ReceiptHandleIsInvalid")
                    .contains(e.awsErrorDetails().errorCode()), e.awsErrorDetails().errorCode());
        }
    }
}
