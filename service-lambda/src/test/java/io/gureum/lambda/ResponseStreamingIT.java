package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * InvokeWithResponseStream over HTTP (the SDK's synchronous client has no method for it), its frames read with the
 * SDK's own event-stream decoder.
 */
class ResponseStreamingIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILING = "def handler(event, context):\n    print('about to fail')\n"
            + "    raise ValueError('no good')\n";

    private static HttpResponse<byte[]> stream(String function, String query, String payload, String logType)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gureum.endpoint().resolve(
                "/2021-11-15/functions/" + function + "/response-streaming-invocations" + query))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (logType != null) {
            b.header("X-Amz-Log-Type", logType);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<Message> frames(byte[] body) {
        List<Message> messages = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(messages::add);
        decoder.feed(ByteBuffer.wrap(body));
        return messages;
    }

    private static String header(Message m, String name) {
        return m.getHeaders().get(name).getString();
    }

    @Test
    void aBufferedAnswerIsOneChunkThenInvokeComplete() throws Exception {
        String name = unique("stream");
        createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        HttpResponse<byte[]> r = stream(name, "?Qualifier=1", "{\"hello\": \"world\"}", "Tail");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/vnd.amazon.eventstream", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("1", r.headers().firstValue("X-Amz-Executed-Version").orElse(""));

        List<Message> frames = frames(r.body());
        assertEquals(2, frames.size());
        assertEquals("PayloadChunk", header(frames.get(0), ":event-type"));
        assertEquals("event", header(frames.get(0), ":message-type"));
        assertEquals("world", JSON.readTree(frames.get(0).getPayload()).get("hello").asText());
        assertEquals("InvokeComplete", header(frames.get(1), ":event-type"));
        JsonNode complete = JSON.readTree(frames.get(1).getPayload());
        assertFalse(complete.has("ErrorCode"));
        String log = new String(Base64.getDecoder().decode(complete.get("LogResult").asText()), StandardCharsets.UTF_8);
        assertTrue(log.contains("REPORT RequestId:"), log);
    }

    @Test
    void aFunctionErrorEndsTheStreamWithItsCodeAndDetails() throws Exception {
        String name = unique("stream-fail");
        createPython(name, FAILING);
        List<Message> frames = frames(stream(name, "", "{}", null).body());
        assertEquals(1, frames.size());
        JsonNode complete = JSON.readTree(frames.get(0).getPayload());
        assertEquals("Unhandled", complete.get("ErrorCode").asText());
        assertEquals("ValueError", JSON.readTree(complete.get("ErrorDetails").asText()).get("errorType").asText());
        assertFalse(complete.has("LogResult"));
    }

    @Test
    void errorsAreLambdasJsonErrors() throws Exception {
        HttpResponse<byte[]> missing = stream(unique("none"), "", "{}", null);
        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFoundException", missing.headers().firstValue("X-Amzn-ErrorType").orElse("")
                .split(":")[0]);
        String name = unique("stream");
        createEcho(name);
        HttpResponse<byte[]> notJson = stream(name, "", "not json", null);
        assertEquals(400, notJson.statusCode());
        assertEquals("InvalidRequestContentException", notJson.headers().firstValue("X-Amzn-ErrorType").orElse("")
                .split(":")[0]);
    }
}
