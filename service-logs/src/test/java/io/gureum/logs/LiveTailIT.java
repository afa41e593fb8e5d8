package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * StartLiveTail is only on the SDK's asynchronous client (its answer is an event stream), so it is sent here as the
 * client sends it: a 501 naming it, not the unknown-operation answer of a target CloudWatch Logs does not have.
 */
class LiveTailIT extends LogsTestSupport {

    @Test
    void startLiveTailAnswers501NamingIt() throws Exception {
        HttpResponse<String> answer = call("Logs_20140328.StartLiveTail");
        assertEquals(501, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("NotImplemented") && answer.body().contains("StartLiveTail"), answer.body());
    }

    @Test
    void aTargetTheApiDoesNotHaveIsAnUnknownOperation() throws Exception {
        HttpResponse<String> answer = call("Logs_20140328.StartDeadTail");
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("UnknownOperationException"), answer.body());
    }

    private static HttpResponse<String> call(String target) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"logGroupIdentifiers\":[\"g\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
