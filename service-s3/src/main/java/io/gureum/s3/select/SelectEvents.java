package io.gureum.s3.select;

import io.gureum.core.http.ProducedBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * The event stream of one Select as it is produced
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html): result rows gathered into
 * {@code Records} events of at most {@link #RECORDS} bytes; every {@link #TICK} bytes of input a
 * {@code Progress} event when the request enabled {@code RequestProgress}, otherwise a {@code Cont}
 * keep-alive when nothing was sent since the last one (S3 sends both "periodically"; Gureum counts input
 * bytes rather than seconds, so the stream does not depend on the machine's speed); then {@code Stats} and
 * {@code End}, or an error message when the query fails part-way.
 */
final class SelectEvents {
    static final int RECORDS = 64 * 1024;
    static final long TICK = 1024 * 1024;

    /** The reader went away: the scan stops. */
    static final class Gone extends RuntimeException {
        Gone() {
            super(null, null, false, false);
        }
    }

    private final ProducedBody body;
    private final boolean progress;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private long returned;
    private long nextTick = TICK;
    private boolean sentSinceTick;

    SelectEvents(ProducedBody body, boolean progress) {
        this.body = body;
        this.progress = progress;
    }

    void row(byte[] line) {
        records.write(line, 0, line.length);
        returned += line.length;
        if (records.size() >= RECORDS) {
            flush();
        }
    }

    /** After each input record: the bytes read so far from the object and after decompression. */
    void read(long scanned, long processed) {
        if (processed < nextTick) {
            return;
        }
        nextTick = (processed / TICK + 1) * TICK;
        if (progress) {
            event("Progress", "text/xml", details("Progress", scanned, processed));
        } else if (!sentSinceTick) {
            event("Cont", null, new byte[0]);
        }
        sentSinceTick = false;
    }

    void end(long scanned, long processed) {
        flush();
        event("Stats", "text/xml", details("Stats", scanned, processed));
        event("End", null, new byte[0]);
    }

    /** An error once the answer has begun: S3 ends the stream with an error message. */
    void error(String code, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("error"));
        headers.put(":error-code", HeaderValue.fromString(code));
        headers.put(":error-message", HeaderValue.fromString(message == null ? code : message));
        push(new Message(headers, new byte[0]));
    }

    private void flush() {
        if (records.size() > 0) {
            event("Records", "application/octet-stream", records.toByteArray());
            records.reset();
        }
    }

    private byte[] details(String element, long scanned, long processed) {
        return ("<" + element + "><BytesScanned>" + scanned + "</BytesScanned><BytesProcessed>" + processed
                + "</BytesProcessed><BytesReturned>" + returned + "</BytesReturned></" + element + ">")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void event(String type, String contentType, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        if (contentType != null) {
            headers.put(":content-type", HeaderValue.fromString(contentType));
        }
        push(new Message(headers, payload));
        sentSinceTick = true;
    }

    private void push(Message m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.getPayload().length + 128);
            m.encode(bytes);
            if (!body.push(bytes.toByteArray())) {
                throw new Gone();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Gone();
        }
    }
}
