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

    private final SqsQueues queues = new SqsQueues();
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
    public void close() {
        clock.close();
        gauges.close();
        queues.all().forEach(Queue::markDeleted);
        waiter.wakeAll();
        timers.shutdownNow();
        pollRetries.shutdown();
    }
}
