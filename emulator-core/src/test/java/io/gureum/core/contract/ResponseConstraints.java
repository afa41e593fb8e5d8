package io.gureum.core.contract;

import io.gureum.core.protocol.Pojos;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Makes a random response one a real service could send, where clients check values against each
 * other: SQS MD5 digests of bodies and attributes (checked by the SDK's MD5 interceptor), S3 object
 * checksums and lengths of a download. Each adjustment is noted in the report; none hides a codec
 * difference, because the adjusted response is still compared in full.
 */
final class ResponseConstraints {
    private ResponseConstraints() {
    }

    static Object apply(String service, String op, Object request, Object response, byte[] download,
            List<String> notes) throws ReflectiveOperationException {
        if (service.equals("sqs")) {
            return sqs(op, request, response, notes);
        }
        if (service.equals("s3") && has(response, "ExpiresString") && field(response, "Expires") != null) {
            // One Expires header carries both members: the SDK parses it into Expires and keeps the text.
            response = with(response, "ExpiresString",
                    io.gureum.core.protocol.Timestamps.rfc822((java.time.Instant) field(response, "Expires")));
            notes.add("constraint: ExpiresString is the RFC-822 text of Expires (both are the Expires header)");
        }
        if (service.equals("s3") && "url".equals(field(response, "EncodingType"))) {
            response = with(response, "EncodingType", null);
            notes.add("constraint: no EncodingType=url (the client then URL-decodes keys; encoding them is S3 behaviour)");
        }
        if (service.equals("s3") && download != null) {
            response = with(response, "ContentLength", (long) download.length);
            Object[][] sums = {
                {"ChecksumCRC32", DefaultChecksumAlgorithm.CRC32},
                {"ChecksumCRC32C", DefaultChecksumAlgorithm.CRC32C},
                {"ChecksumSHA1", DefaultChecksumAlgorithm.SHA1},
                {"ChecksumSHA256", DefaultChecksumAlgorithm.SHA256}};
            for (Object[] s : sums) {
                if (has(response, (String) s[0])) {
                    SdkChecksum c = SdkChecksum.forAlgorithm((ChecksumAlgorithm) s[1]);
                    c.update(download);
                    response = with(response, (String) s[0], Base64.getEncoder().encodeToString(c.getChecksumBytes()));
                }
            }
            // CRC64NVME needs the CRT library, on the client too: leave it out.
            response = with(response, "ChecksumCRC64NVME", null);
            notes.add("constraint: ContentLength and Checksum* of the download match its bytes (no CRC64NVME: needs CRT)");
        }
        return response;
    }

    /**
     * The request as the server should have decoded an upload: where the client computed a checksum
     * of the body (sent in the aws-chunked trailer), the true checksum of the uploaded bytes.
     */
    static Object withUploadChecksums(Object request, Object decoded, byte[] upload, List<String> notes)
            throws ReflectiveOperationException {
        Object[][] sums = {
            {"ChecksumCRC32", DefaultChecksumAlgorithm.CRC32},
            {"ChecksumCRC32C", DefaultChecksumAlgorithm.CRC32C},
            {"ChecksumSHA1", DefaultChecksumAlgorithm.SHA1},
            {"ChecksumSHA256", DefaultChecksumAlgorithm.SHA256}};
        for (Object[] s : sums) {
            String member = (String) s[0];
            if (has(request, member) && field(request, member) == null && field(decoded, member) != null) {
                SdkChecksum c = SdkChecksum.forAlgorithm((ChecksumAlgorithm) s[1]);
                c.update(upload);
                request = with(request, member, Base64.getEncoder().encodeToString(c.getChecksumBytes()));
                notes.add("expected: " + member + " is the client's checksum of the uploaded bytes (from the trailer)");
            }
        }
        return request;
    }

    private static Object sqs(String op, Object request, Object response, List<String> notes)
            throws ReflectiveOperationException {
        switch (op) {
            case "SendMessage" -> {
                SendMessageRequest r = (SendMessageRequest) request;
                response = with(response, "MD5OfMessageBody", md5Body(r.messageBody()));
                response = with(response, "MD5OfMessageAttributes",
                        r.hasMessageAttributes() ? md5Attributes(r.messageAttributes()) : null);
                notes.add("constraint: MD5OfMessageBody/MD5OfMessageAttributes are the digests of the request's");
            }
            case "SendMessageBatch" -> {
                SendMessageBatchRequest r = (SendMessageBatchRequest) request;
                List<SendMessageBatchResultEntry> ok = new ArrayList<>();
                int i = 0;
                for (SendMessageBatchRequestEntry e : r.entries()) {
                    ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + i++)
                            .md5OfMessageBody(md5Body(e.messageBody()))
                            .md5OfMessageAttributes(e.hasMessageAttributes() ? md5Attributes(e.messageAttributes()) : null)
                            .sequenceNumber("1" + i).build());
                }
                response = with(response, "Successful", ok);
                notes.add("constraint: Successful entries echo the request's entry Ids with their digests");
            }
            case "ReceiveMessage" -> {
                List<Message> fixed = new ArrayList<>();
                Object messages = field(response, "Messages");
                if (messages instanceof List<?> list) {
                    for (Object o : list) {
                        Message m = (Message) o;
                        fixed.add(m.toBuilder().md5OfBody(md5Body(m.body()))
                                .md5OfMessageAttributes(m.hasMessageAttributes()
                                        ? md5Attributes(m.messageAttributes()) : null)
                                .build());
                    }
                    response = with(response, "Messages", fixed);
                    notes.add("constraint: each message's MD5OfBody/MD5OfMessageAttributes are its own digests");
                }
            }
            default -> {
            }
        }
        return response;
    }

    /** The SDK's own digest functions (its MD5 interceptor), so the test agrees with the client by construction. */
    private static String md5Body(String body) throws ReflectiveOperationException {
        Method m = interceptor().getDeclaredMethod("calculateMessageBodyMd5", String.class);
        m.setAccessible(true);
        return (String) m.invoke(null, body);
    }

    private static String md5Attributes(Map<String, MessageAttributeValue> attributes) throws ReflectiveOperationException {
        Method m = interceptor().getDeclaredMethod("calculateMessageAttributesMd5", Map.class);
        m.setAccessible(true);
        return (String) m.invoke(null, attributes);
    }

    private static Class<?> interceptor() throws ClassNotFoundException {
        return Class.forName("software.amazon.awssdk.services.sqs.internal.MessageMD5ChecksumInterceptor");
    }

    static boolean has(Object pojo, String member) {
        return ((SdkPojo) pojo).sdkFields().stream().anyMatch(f -> f.memberName().equals(member));
    }

    static Object field(Object pojo, String member) {
        for (SdkField<?> f : ((SdkPojo) pojo).sdkFields()) {
            if (f.memberName().equals(member)) {
                return f.getValueOrDefault(pojo);
            }
        }
        return null;
    }

    /** A copy of a model object with one member replaced. */
    static Object with(Object pojo, String member, Object value) throws ReflectiveOperationException {
        if (!has(pojo, member)) {
            return pojo;
        }
        SdkPojo builder = (SdkPojo) pojo.getClass().getMethod("toBuilder").invoke(pojo);
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.memberName().equals(member)) {
                Pojos.set(f, builder, value);
            }
        }
        return Pojos.build(builder);
    }
}
