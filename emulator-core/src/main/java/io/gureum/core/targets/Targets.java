package io.gureum.core.targets;

import io.gureum.core.events.Subscription;
import io.gureum.core.ids.Arn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Lookup by ARN with a capability: how one service reaches another's resource without its store. A
 * service provides a capability for the ARNs of its namespace ({@code sqs} provides {@link QueueTarget},
 * {@code lambda} provides {@link FunctionTarget}, {@code iam} provides {@link RoleTarget}); SNS, S3
 * notifications, event sources and Lambda's role check look the target up when they need it, so they
 * always reach the live resource or learn it is gone.
 *
 * <pre>{@code
 * Subscription s = context.targets().provide("sqs", QueueTarget.class, arn -> queues.byArn(arn));
 * context.targets().lookup(queueArn, QueueTarget.class).ifPresent(q -> q.send(...));
 * }</pre>
 *
 * Thread-safe. The newest provider of a namespace answers first, so a handler made on reset takes
 * over before the old one has withdrawn.
 */
public final class Targets {

    private record Provider<T>(String service, Class<T> capability, Function<Arn, Optional<? extends T>> resolver) {
    }

    private final List<Provider<?>> providers = new CopyOnWriteArrayList<>();

    /**
     * Answers lookups of {@code capability} for ARNs whose service part is {@code arnService}.
     *
     * @return closing it withdraws the provider (a handler does so when it is closed)
     */
    public <T> Subscription provide(String arnService, Class<T> capability,
            Function<Arn, Optional<? extends T>> resolver) {
        Provider<T> p = new Provider<>(Objects.requireNonNull(arnService, "arnService"),
                Objects.requireNonNull(capability, "capability"), Objects.requireNonNull(resolver, "resolver"));
        providers.add(0, p);
        return () -> providers.removeIf(x -> x == p);
    }

    /** The resource with this ARN as {@code capability}, if a provider knows it now. */
    public <T> Optional<T> lookup(Arn arn, Class<T> capability) {
        for (Provider<?> p : providers) {
            if (p.service().equals(arn.service()) && p.capability() == capability) {
                Optional<?> found = p.resolver().apply(arn);
                if (found.isPresent()) {
                    return Optional.of(capability.cast(found.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** As {@link #lookup(Arn, Class)}; empty for text that is no ARN. */
    public <T> Optional<T> lookup(String arn, Class<T> capability) {
        if (arn == null) {
            return Optional.empty();
        }
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return lookup(parsed, capability);
    }
}
