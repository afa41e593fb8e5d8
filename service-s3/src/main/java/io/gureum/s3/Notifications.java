package io.gureum.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.Timestamps;
import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;

/**
 * Event notifications: matches each object event against the bucket's queue, topic and function
 * configurations (event type, key prefix and suffix) and delivers the event JSON of
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html to each
 * queue, topic or function through {@link Destinations}.
 */
public final class Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GureumClock clock;
    private final Destinations destinations;
    private final EventBridgeEvents eventBridge;
    private final AtomicLong sequencer = new AtomicLong();

    Notifications(GureumClock clock, Destinations destinations, EventBridgeEvents eventBridge) {
        this.clock = clock;
        this.destinations = destinations;
        this.eventBridge = eventBridge;
    }

    /**
     * PutBucketNotificationConfiguration checks that every queue, topic and function exists before it
     * takes the configuration (unless {@code SkipDestinationValidation}), and refuses it whole otherwise
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-enable-disable-notification-intro.html).
     */
    public void validateDestinations(Bucket b, NotificationConfiguration c) {
        String bucketArn = arn(b);
        boolean valid = c.queueConfigurations().stream()
                .allMatch(q -> destinations.exists(Destinations.Kind.QUEUE, q.queueArn(), bucketArn))
                && c.topicConfigurations().stream()
                        .allMatch(t -> destinations.exists(Destinations.Kind.TOPIC, t.topicArn(), bucketArn))
                && c.lambdaFunctionConfigurations().stream()
                        .allMatch(f -> destinations.exists(Destinations.Kind.FUNCTION, f.lambdaFunctionArn(), bucketArn));
        if (!valid) {
            throw S3Errors.invalidArgument("Unable to validate the following destination configurations");
        }
    }

    private static String arn(Bucket b) {
        return "arn:aws:s3:::" + b.name;
    }

    private volatile java.util.function.BiConsumer<Bucket, StoredObject> created = (b, o) -> {
    };

    /**
     * What else happens when an object or a delete marker is created (replication), before its events are
     * delivered.
     */
    void onCreated(java.util.function.BiConsumer<Bucket, StoredObject> listener) {
        this.created = listener;
    }

    public void emit(Bucket b, String eventName, StoredObject o) {
        if (eventName.startsWith("ObjectCreated:") || eventName.equals("ObjectRemoved:DeleteMarkerCreated")) {
            created.accept(b, o);
        }
        deliver(b, eventName, o.key, o.deleteMarker ? 0 : o.size, o.etag, o.versionId);
    }

    public void emitRemoved(Bucket b, String eventName, String key, String versionId) {
        deliver(b, eventName, key, -1, null, versionId);
    }

    private void deliver(Bucket b, String eventName, String key, long size, String etag, String versionId) {
        NotificationConfiguration c = b.notifications;
        if (c == null) {
            return;
        }
        if (c.eventBridgeConfiguration() != null) {
            eventBridge.emit(b, eventName, key, size, etag, versionId, String.format("%016X", sequencer.incrementAndGet()));
        }
        for (QueueConfiguration q : c.queueConfigurations()) {
            if (matches(q.eventsAsStrings(), q.filter(), eventName, key)) {
                publish(b, Destinations.Kind.QUEUE, q.queueArn(), q.id(), eventName, key, size, etag, versionId);
            }
        }
        for (TopicConfiguration t : c.topicConfigurations()) {
            if (matches(t.eventsAsStrings(), t.filter(), eventName, key)) {
                publish(b, Destinations.Kind.TOPIC, t.topicArn(), t.id(), eventName, key, size, etag, versionId);
            }
        }
        for (LambdaFunctionConfiguration f : c.lambdaFunctionConfigurations()) {
            if (matches(f.eventsAsStrings(), f.filter(), eventName, key)) {
                publish(b, Destinations.Kind.FUNCTION, f.lambdaFunctionArn(), f.id(), eventName, key, size, etag, versionId);
            }
        }
    }

    static boolean matches(List<String> events, NotificationConfigurationFilter filter, String eventName,
            String key) {
        boolean typeMatches = false;
        for (String e : events) {
            String pattern = e.startsWith("s3:") ? e.substring(3) : e;
            if (pattern.equals(eventName)
                    || (pattern.endsWith(":*") && eventName.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                typeMatches = true;
            }
        }
        if (!typeMatches) {
            return false;
        }
        if (filter != null && filter.key() != null) {
            for (FilterRule r : filter.key().filterRules()) {
                String name = r.nameAsString() == null ? "" : r.nameAsString().toLowerCase();
                String value = r.value() == null ? "" : r.value();
                if (name.equals("prefix") && !key.startsWith(value)) {
                    return false;
                }
                if (name.equals("suffix") && !key.endsWith(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void publish(Bucket b, Destinations.Kind kind, String target, String configId, String eventName, String key,
            long size, String etag, String versionId) {
        RequestContext ctx = RequestContext.currentOrNull();
        String requestId = ctx == null ? "0000000000000000" : ctx.requestId();
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", b.region);
        record.put("eventTime", Timestamps.iso8601(clock.now()));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:" + (ctx == null ? b.owner : ctx.accountId()));
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", requestId);
        response.put("x-amz-id-2", requestId);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configId == null ? "" : configId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", b.name);
        bucket.putObject("ownerIdentity").put("principalId", Owners.canonicalId(b.owner));
        bucket.put("arn", arn(b));
        ObjectNode object = s3.putObject("object");
        // Keys are form-encoded with their slashes kept, e.g. "images/my+photo.jpg".
        object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        if (size >= 0) {
            object.put("size", size);
        }
        if (etag != null) {
            object.put("eTag", Preconditions.unquote(etag));
        }
        if (versionId != null && !"null".equals(versionId)) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", String.format("%016X", sequencer.incrementAndGet()));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        records.add(record);
        destinations.send(kind, target, arn(b), root.toString());
    }

    /** The s3:TestEvent S3 sends to every destination when a notification configuration is set. */
    public void testEvent(Bucket b, NotificationConfiguration c) {
        RequestContext ctx = RequestContext.currentOrNull();
        String requestId = ctx == null ? "0000000000000000" : ctx.requestId();
        ObjectNode test = JSON.createObjectNode();
        test.put("Service", "Amazon S3");
        test.put("Event", "s3:TestEvent");
        test.put("Time", Timestamps.iso8601(clock.now()));
        test.put("Bucket", b.name);
        test.put("RequestId", requestId);
        test.put("HostId", requestId);
        String json = test.toString();
        String arn = arn(b);
        c.queueConfigurations().forEach(q -> destinations.send(Destinations.Kind.QUEUE, q.queueArn(), arn, json));
        c.topicConfigurations().forEach(t -> destinations.send(Destinations.Kind.TOPIC, t.topicArn(), arn, json));
        c.lambdaFunctionConfigurations().forEach(
                f -> destinations.send(Destinations.Kind.FUNCTION, f.lambdaFunctionArn(), arn, json));
    }
}
