package io.gureum.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceEvent;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Bucket;
import java.util.List;

/**
 * S3's events to EventBridge, for buckets whose notification configuration has an
 * {@code EventBridgeConfiguration}: every object event of the bucket, whatever its other notification
 * configurations filter, goes to the default bus of the bucket's account and region as "Object Created"
 * or "Object Deleted" with the detail of
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (ADR 0012).
 */
final class EventBridgeEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBus events;
    private final GureumClock clock;

    EventBridgeEvents(EventBus events, GureumClock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param eventName the notification event name, e.g. {@code ObjectCreated:Put}
     * @param size the object's size, or -1 for a removal
     */
    void emit(Bucket b, String eventName, String key, long size, String etag, String versionId, String sequencer) {
        String detailType;
        String reason;
        String deletionType = null;
        switch (eventName) {
            case "ObjectCreated:Put" -> {
                detailType = "Object Created";
                reason = "PutObject";
            }
            case "ObjectCreated:Post" -> {
                detailType = "Object Created";
                reason = "POST Object";
            }
            case "ObjectCreated:Copy" -> {
                detailType = "Object Created";
                reason = "CopyObject";
            }
            case "ObjectCreated:CompleteMultipartUpload" -> {
                detailType = "Object Created";
                reason = "CompleteMultipartUpload";
            }
            case "ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated" -> {
                detailType = "Object Deleted";
                reason = "DeleteObject";
                deletionType = eventName.endsWith("DeleteMarkerCreated") ? "Delete Marker Created"
                        : "Permanently Deleted";
            }
            case "LifecycleExpiration:Delete", "LifecycleExpiration:DeleteMarkerCreated" -> {
                detailType = "Object Deleted";
                reason = "Lifecycle Expiration";
                deletionType = eventName.endsWith("DeleteMarkerCreated") ? "Delete Marker Created"
                        : "Permanently Deleted";
            }
            default -> {
                return;
            }
        }
        RequestContext ctx = RequestContext.currentOrNull();
        ObjectNode detail = JSON.createObjectNode();
        detail.put("version", "0");
        detail.putObject("bucket").put("name", b.name);
        ObjectNode object = detail.putObject("object");
        object.put("key", key);
        if (size >= 0) {
            object.put("size", size);
        }
        if (etag != null) {
            object.put("etag", Preconditions.unquote(etag));
        }
        if (versionId != null && !"null".equals(versionId)) {
            object.put("version-id", versionId);
        }
        object.put("sequencer", sequencer);
        detail.put("request-id", ctx == null ? "0000000000000000" : ctx.requestId());
        detail.put("requester", ctx == null ? b.owner : ctx.accountId());
        detail.put("source-ip-address", "127.0.0.1");
        detail.put("reason", reason);
        if (deletionType != null) {
            detail.put("deletion-type", deletionType);
        }
        events.publish(new ServiceEvent(b.owner, b.region, "aws.s3", detailType, List.of("arn:aws:s3:::" + b.name),
                detail.toString(), clock.now()));
    }
}
