package io.gureum.sqs;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.QueueTarget;
import io.gureum.core.time.GureumClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.AddPermissionRequest;
import software.amazon.awssdk.services.sqs.model.AddPermissionResponse;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResponse;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsRequest;
import software.amazon.awssdk.services.sqs.model.ListQueueTagsResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.PurgeQueueRequest;
import software.amazon.awssdk.services.sqs.model.PurgeQueueResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sqs.model.RemovePermissionResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskResponse;
import software.amazon.awssdk.services.sqs.model.TagQueueRequest;
import software.amazon.awssdk.services.sqs.model.TagQueueResponse;
import software.amazon.awssdk.services.sqs.model.UntagQueueRequest;
import software.amazon.awssdk.services.sqs.model.UntagQueueResponse;

/**
 * The 23 SQS operations, wire to behaviour: {@link QueueOperations} for queues,
 * {@link MessageOperations} for messages, {@link MoveTasks} for redrive. Also usable in-process as
 * an {@link SqsClient}.
 */
final class SqsHandler implements SqsClient {
    private final ServiceContext context;
    private final SqsQueues queues = new SqsQueues();
    private final ScheduledExecutorService timers;
    private final ExecutorService pollRetries;
    private final TimerMessageWaiter waiter;
    private final QueueOperations queueOps;
    private final MessageOperations messageOps;
    private final MoveTasks moveTasks;
    private final QueueLookup targets;
    private final Subscription provided;
    private final SqsAdmin admin;
    private volatile boolean closed;

    SqsHandler(ServiceContext context) {
        this.context = context;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "gureum-sqs-timer"));
        t.setRemoveOnCancelPolicy(true); // long polls cancel most of their timers
        this.timers = t;
        this.pollRetries = Executors.newFixedThreadPool(2, r -> daemon(r, "gureum-sqs-poll-" + n.incrementAndGet()));
        this.waiter = new TimerMessageWaiter(timers, context.clock());
        this.queueOps = new QueueOperations(context, queues);
        this.messageOps = new MessageOperations(context, queues,
                new LongPoll(waiter, context.clock(), pollRetries));
        this.moveTasks = new MoveTasks(context, queues, timers);
        this.targets = new QueueLookup(queues, messageOps, context.clock());
        this.admin = new SqsAdmin(context, queues);
        context.clock().onAdvance(() -> {
            if (!closed) {
                waiter.wakeAll(); // delayed messages, visibility and wait deadlines follow the clock
            }
        });
        this.provided = context.targets().provide("sqs", QueueTarget.class, arn -> targets.lookup(arn.toString()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread th = new Thread(r, name);
        th.setDaemon(true);
        return th;
    }

    /** The peek and inspection endpoints under {@code /_gureum/sqs/}, for core's admin router to call. */
    public SqsAdmin admin() {
        return admin;
    }

    // ---- queues -----------------------------------------------------------------------------

    @Override
    public CreateQueueResponse createQueue(CreateQueueRequest request) {
        return CreateQueueResponse.builder().queueUrl(queueOps.createQueue(request)).build();
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return GetQueueUrlResponse.builder().queueUrl(queueOps.getQueueUrl(request)).build();
    }

    @Override
    public ListQueuesResponse listQueues(ListQueuesRequest request) {
        return queueOps.listQueues(request);
    }

    @Override
    public DeleteQueueResponse deleteQueue(DeleteQueueRequest request) {
        queueOps.deleteQueue(queueOps.resolve(request.queueUrl()));
        return DeleteQueueResponse.builder().build();
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        Queue q = queueOps.resolve(request.queueUrl());
        Map<String, String> attributes = queueOps.getQueueAttributes(q, request);
        GetQueueAttributesResponse.Builder b = GetQueueAttributesResponse.builder();
        if (!attributes.isEmpty()) {
            b.attributesWithStrings(attributes);
        }
        return b.build();
    }

    @Override
    public SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest request) {
        queueOps.setQueueAttributes(queueOps.resolve(request.queueUrl()), request);
        return SetQueueAttributesResponse.builder().build();
    }

    @Override
    public PurgeQueueResponse purgeQueue(PurgeQueueRequest request) {
        queueOps.resolve(request.queueUrl()).purge(queueOps.now());
        return PurgeQueueResponse.builder().build();
    }

    @Override
    public TagQueueResponse tagQueue(TagQueueRequest request) {
        queueOps.tag(queueOps.resolve(request.queueUrl()), request.tags());
        return TagQueueResponse.builder().build();
    }

    @Override
    public UntagQueueResponse untagQueue(UntagQueueRequest request) {
        queueOps.untag(queueOps.resolve(request.queueUrl()), request.tagKeys());
        return UntagQueueResponse.builder().build();
    }

    @Override
    public ListQueueTagsResponse listQueueTags(ListQueueTagsRequest request) {
        Map<String, String> tags = queueOps.tags(queueOps.resolve(request.queueUrl()));
        ListQueueTagsResponse.Builder b = ListQueueTagsResponse.builder();
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        return b.build();
    }

    @Override
    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        queueOps.addPermission(queueOps.resolve(request.queueUrl()), request);
        return AddPermissionResponse.builder().build();
    }

    @Override
    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        queueOps.removePermission(queueOps.resolve(request.queueUrl()), request);
        return RemovePermissionResponse.builder().build();
    }

    @Override
    public ListDeadLetterSourceQueuesResponse listDeadLetterSourceQueues(ListDeadLetterSourceQueuesRequest request) {
        return queueOps.listDeadLetterSourceQueues(request);
    }

    // ---- messages ---------------------------------------------------------------------------

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        return messageOps.sendMessage(queueOps.resolve(request.queueUrl()), request);
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        Queue q = queueOps.resolve(request.queueUrl());
        List<SendMessageBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null : entries.stream().map(SendMessageBatchRequestEntry::id).toList(),
                "SendMessageBatchRequestEntry");
        MessageOperations.checkBatchSize(entries);
        List<SendMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry e : entries) {
            try {
                MessageOperations.Sent m = messageOps.sendAndDigest(q,
                        messageOps.validate(q, MessageOperations.Outgoing.of(e)), false);
                ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId(m.messageId())
                        .md5OfMessageBody(m.md5OfBody()).md5OfMessageAttributes(m.md5OfAttributes())
                        .md5OfMessageSystemAttributes(m.md5OfSystemAttributes()).sequenceNumber(m.sequenceNumber())
                        .build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        q.signal(ok.size());
        return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    /**
     * Long polling holds no thread: the receive is a future that {@link LongPoll} and
     * {@link MessageWaiter} complete when a message arrives or the wait ends, and core writes the
     * response then.
     */
    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        Queue q = queueOps.resolve(request.queueUrl());
        return AsyncResponse.later(messageOps.receive(q, request));
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        messageOps.delete(queueOps.resolve(request.queueUrl()), request.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        Queue q = queueOps.resolve(request.queueUrl());
        List<DeleteMessageBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null : entries.stream().map(DeleteMessageBatchRequestEntry::id).toList(),
                "DeleteMessageBatchRequestEntry");
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : entries) {
            try {
                messageOps.delete(q, e.receiptHandle());
                ok.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        return DeleteMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        messageOps.changeVisibility(queueOps.resolve(request.queueUrl()), request.receiptHandle(),
                request.visibilityTimeout());
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
        Queue q = queueOps.resolve(request.queueUrl());
        List<ChangeMessageVisibilityBatchRequestEntry> entries = request.entries();
        MessageOperations.checkBatch(entries == null ? null
                : entries.stream().map(ChangeMessageVisibilityBatchRequestEntry::id).toList(),
                "ChangeMessageVisibilityBatchRequestEntry");
        List<ChangeMessageVisibilityBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (ChangeMessageVisibilityBatchRequestEntry e : entries) {
            try {
                messageOps.changeVisibility(q, e.receiptHandle(), e.visibilityTimeout());
                ok.add(ChangeMessageVisibilityBatchResultEntry.builder().id(e.id()).build());
            } catch (RuntimeException ex) {
                failed.add(MessageOperations.failure(e.id(), ex));
            }
        }
        return ChangeMessageVisibilityBatchResponse.builder().successful(ok).failed(failed).build();
    }

    // ---- move tasks -------------------------------------------------------------------------

    @Override
    public StartMessageMoveTaskResponse startMessageMoveTask(StartMessageMoveTaskRequest request) {
        return StartMessageMoveTaskResponse.builder().taskHandle(moveTasks.start(request.sourceArn(),
                request.destinationArn(), request.maxNumberOfMessagesPerSecond())).build();
    }

    @Override
    public CancelMessageMoveTaskResponse cancelMessageMoveTask(CancelMessageMoveTaskRequest request) {
        return CancelMessageMoveTaskResponse.builder()
                .approximateNumberOfMessagesMoved(moveTasks.cancel(request.taskHandle())).build();
    }

    @Override
    public ListMessageMoveTasksResponse listMessageMoveTasks(ListMessageMoveTasksRequest request) {
        return ListMessageMoveTasksResponse.builder()
                .results(moveTasks.list(request.sourceArn(), request.maxResults())).build();
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Called by core on reset and shutdown: stops timers and wakes every waiting receive. */
    @Override
    public void close() {
        closed = true;
        provided.close();
        queues.all().forEach(Queue::markDeleted);
        waiter.wakeAll();
        timers.shutdownNow();
        pollRetries.shutdown();
    }

    /** Queues as delivery targets for other services. */
    private record QueueLookup(SqsQueues queues, MessageOperations messageOps, GureumClock clock) {
        Optional<QueueTarget> lookup(String queueArn) {
            Queue q = queues.byArn(queueArn);
            if (q == null || q.deleted()) {
                return Optional.empty();
            }
            return Optional.of(new QueueTarget() {
                @Override
                public boolean fifo() {
                    return q.fifo;
                }

                @Override
                public String send(String body, Map<String, Attribute> attributes, String groupId,
                        String deduplicationId, String senderId) {
                    Map<String, AttributeValue> attrs = new LinkedHashMap<>();
                    attributes.forEach((k, v) -> attrs.put(k, new AttributeValue(v.dataType(), v.stringValue(),
                            v.binaryValue())));
                    int max = q.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE);
                    if (SqsMessage.sizeOf(body, attrs) > max) {
                        throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message "
                                + "must be shorter than " + max + " bytes.");
                    }
                    Queue.SendSpec spec = new Queue.SendSpec(body, attrs, null, null, q.fifo ? groupId : null,
                            q.fifo ? deduplicationId : null, senderId);
                    return messageOps.send(q, spec).message().id;
                }

                @Override
                public List<Received> receive(int maxMessages, int visibilityTimeout) {
                    int visibility = visibilityTimeout >= 0 ? visibilityTimeout
                            : q.intAttribute(QueueAttributes.VISIBILITY_TIMEOUT);
                    List<Received> out = new ArrayList<>();
                    for (Queue.Delivery d : q.receive(maxMessages, visibility, null, clock.now().toEpochMilli(),
                            queues::byArn)) {
                        Message m = MessageOperations.toMessage(d, Set.copyOf(MessageOperations.SYSTEM_ATTRIBUTES), List.of("All"));
                        Map<String, Attribute> attributes = new LinkedHashMap<>();
                        d.message().attributes.forEach((k, v) -> attributes.put(k,
                                new Attribute(v.dataType(), v.stringValue(), v.binaryValue())));
                        out.add(new Received(m.messageId(), m.receiptHandle(), m.body(), m.md5OfBody(),
                                m.attributesAsStrings(), attributes, m.md5OfMessageAttributes(), q.arnText));
                    }
                    return out;
                }

                @Override
                public void delete(String receiptHandle) {
                    try {
                        messageOps.delete(q, receiptHandle);
                    } catch (RuntimeException staleOrForeign) {
                        // as documented: nothing to do for a handle that no longer applies
                    }
                }

                @Override
                public void changeVisibility(String receiptHandle, int seconds) {
                    try {
                        messageOps.changeVisibility(q, receiptHandle, seconds);
                    } catch (RuntimeException staleOrForeign) {
                        // the message was deleted or received again meanwhile
                    }
                }
            });
        }
    }
}
