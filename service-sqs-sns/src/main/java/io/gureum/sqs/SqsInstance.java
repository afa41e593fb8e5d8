package io.gureum.sqs;

import io.gureum.core.events.Subscription;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
/**
 * SQS on one server: the queues, the providers over them, the timers and poll threads they share, and
 * the {@code /_gureum/sqs/} endpoints. Closing it stops the timers
 * and wakes every waiting receive.
 */
final class SqsInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(QueueOperations.class, QueueTags.class, QueuePermissions.class,
            MessageSending.class, MessageReceiving.class, MoveTasks.class);
    private static final java.util.Set<String> INLINE = java.util.Set.of("GetQueueUrl", "ListQueues",
            "GetQueueAttributes", "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage",
            "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch");

    private final SqsQueues queues;
    private final ServiceContext context;
    private final ScheduledExecutorService timers;
    private final ExecutorService pollRetries;
    private final TimerMessageWaiter waiter;
    private final List<Object> providers;
    private final SqsAdmin admin;
    private final QueueResourceAccess resourceAccess;
    private final Subscription clock;
    private final DueTimer gauges;

    SqsInstance(ServiceContext context) {
        this.timers = ServiceThreads.timer("gureum-sqs-timer");
        this.pollRetries = ServiceThreads.workers("gureum-sqs-poll-", 2);
        this.context = context;
        this.queues = new SqsQueues(new SqsRecords(context));
        this.waiter = new TimerMessageWaiter(timers, context.clock());
        MessageOperations messages = new MessageOperations(context, queues,
                new LongPoll(waiter, context.clock(), pollRetries));
        QueueEncryption encryption = new QueueEncryption(context);
        this.providers = List.of(new QueueOperations(context, queues), new QueueTags(context, queues),
                new QueuePermissions(context, queues), new MessageSending(queues, messages, encryption),
                new MessageReceiving(queues, messages, encryption), new MoveTasks(context, queues, timers));
        this.admin = new SqsAdmin(context, queues);
        this.resourceAccess = new QueueResourceAccess(queues);
        // Delayed messages, visibility and wait deadlines follow the clock.
        this.clock = context.clock().onAdvance(waiter::wakeAll);
        this.gauges = new DueTimer(context.clock(), timers, pollRetries);
        new SqsMetrics(context).everyMinute(gauges, queues::all);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    /**
     * Queues and messages live in memory; a long poll waits on a timer, not a thread, and a KMS-encrypted queue's
     * data key comes from KMS's in-memory keys. So the message operations may be answered on the event loop
     * (ADR 0018).
     */
    @Override
    public boolean answersInline(AwsHttpRequest request, String operation) {
        return INLINE.contains(operation);
    }

    @Override
    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
        return admin.handle(request);
    }

    /** A queue's owner and access policy. */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void restore(java.util.List<io.gureum.core.persist.StateRecord> records) {
        SqsRestore.restore(records, queues, context);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        queues.all().forEach(q -> queues.records().capture(q, sink));
    }

    @Override
    public void close() {
        clock.close();
        gauges.close();
        queues.all().forEach(Queue::markDeleted);
        waiter.wakeAll();
        timers.shutdownNow();
        pollRetries.shutdown();
    }
}
