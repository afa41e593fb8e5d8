package io.gureum.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gureum.core.protocol.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * The frames of StartLiveTail's event stream ({@code application/vnd.amazon.eventstream}), encoded with the SDK's
 * own {@link Message}: events carry {@code :event-type} and the member's JSON, exceptions {@code :exception-type}
 * and {@code {"message": …}}, as the awsJson protocol's event streams do.
 */
final class LiveTailFrames {
    private static final JsonFactory JSON = new JsonFactory();

    private LiveTailFrames() {
    }

    static byte[] event(String type, Object member) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return encode(new Message(headers, json(member)));
    }

    static byte[] exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        String body = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return encode(new Message(headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] json(Object member) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            JsonValues.writeStruct(g, member, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] encode(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.encode(out);
        return out.toByteArray();
    }
}
