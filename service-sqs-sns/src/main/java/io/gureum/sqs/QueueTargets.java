package io.gureum.sqs;

import io.gureum.core.spi.ServiceContext;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Finds a queue by ARN for another service of the same server. A stand-in for a core "lookup by ARN"
 * capability: the SQS handler registers itself here for its {@link ServiceContext} and unregisters on
 * reset, so an SNS subscription always reaches the live queues and never the SQS store directly.
 */
public interface QueueTargets {

    /** The queue with this ARN, if it exists now. */
    Optional<QueueTarget> lookup(String queueArn);

    /** The registry of the server that owns {@code context}: empty when SQS is disabled. */
    static QueueTargets of(ServiceContext context) {
        return arn -> Registry.current(context).flatMap(t -> t.lookup(arn));
    }

    /** Per-server registration; weak so a stopped server's handler can be collected. */
    final class Registry {
        private static final Map<ServiceContext, QueueTargets> BY_CONTEXT = new WeakHashMap<>();

        private Registry() {
        }

        static synchronized void register(ServiceContext context, QueueTargets targets) {
            BY_CONTEXT.put(context, targets);
        }

        static synchronized void unregister(ServiceContext context, QueueTargets targets) {
            BY_CONTEXT.remove(context, targets);
        }

        static synchronized Optional<QueueTargets> current(ServiceContext context) {
            return Optional.ofNullable(BY_CONTEXT.get(context));
        }
    }
}
