package io.gureum.sqs;

import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.RegisteredResource;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsRequest;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsResponse;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueResponse;
import software.amazon.awssdk.services.sqs.model.UntagQueueRequest;
import software.amazon.awssdk.services.sqs.model.UntagQueueResponse;

/**
 * TagQueue, UntagQueue and ListQueueTags; the tags live in core's resource registry, at most 50 per queue
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-tags.html).
 */
final class QueueTags {
    private static final int MAX_TAGS = 50;

    private final ServiceContext context;
    private final SqsQueues queues;

    QueueTags(ServiceContext context, SqsQueues queues) {
        this.context = context;
        this.queues = queues;
    }

    public TagQueueResponse tagQueue(TagQueueRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        Map<String, String> tags = request.tags();
        if (tags == null || tags.isEmpty()) {
            throw SqsErrors.missingParameter("Tags");
        }
        Map<String, String> merged = new LinkedHashMap<>(tags(q));
        merged.putAll(tags);
        check(merged.size());
        synchronized (q) {
            context.registry().tag(q.arn, tags);
            q.recordQueue();
        }
        return TagQueueResponse.builder().build();
    }

    public UntagQueueResponse untagQueue(UntagQueueRequest request) {
        Queue q = queues.resolve(request.queueUrl());
        if (request.tagKeys() == null || request.tagKeys().isEmpty()) {
            throw SqsErrors.missingParameter("TagKeys");
        }
        synchronized (q) {
            context.registry().untag(q.arn, request.tagKeys());
            q.recordQueue();
        }
        return UntagQueueResponse.builder().build();
    }

    public ListQueueTagsResponse listQueueTags(ListQueueTagsRequest request) {
        Map<String, String> tags = tags(queues.resolve(request.queueUrl()));
        ListQueueTagsResponse.Builder b = ListQueueTagsResponse.builder();
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        return b.build();
    }

    private Map<String, String> tags(Queue q) {
        return context.registry().byArn(q.arn).map(RegisteredResource::tags).orElse(Map.of());
    }

    /** CreateQueue and TagQueue refuse more than 50 tags on a queue. */
    static void check(int count) {
        if (count > MAX_TAGS) {
            throw SqsErrors.invalidParameterValue("Too many tags added for queue. The maximum is " + MAX_TAGS + ".");
        }
    }
}
