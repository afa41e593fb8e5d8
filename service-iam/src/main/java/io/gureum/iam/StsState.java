package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.function.Supplier;

/**
 * What STS's providers share: the server's context, the sessions STS issued and IAM's current store (read
 * through {@link io.gureum.core.spi.SharedState}, so that it is always the one IAM serves, also after a reset).
 */
final class StsState {
    final ServiceContext context;
    final StsSessions sessions;
    final Supplier<IamStore> iam;

    StsState(ServiceContext context, StsSessions sessions) {
        this.context = context;
        this.sessions = sessions;
        this.iam = () -> context.shared().get(IamStore.class, IamStore::new);
    }

    StsIdentity caller() {
        return StsIdentity.current(context, iam, sessions);
    }

    String partition() {
        return context.topology().partitionOf(io.gureum.core.protocol.RequestContext.current().region()).id();
    }
}
