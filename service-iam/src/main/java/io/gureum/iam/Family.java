package io.gureum.iam;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What every resource family needs: the caller's account, ARNs in its partition, the clock and IDs. */
abstract class Family {
    final ServiceContext context;
    final IamStore store;
    final IamIds ids;

    Family(ServiceContext context, IamStore store) {
        this.context = context;
        this.store = store;
        this.ids = new IamIds(context.ids());
    }

    IamStore.Account account() {
        return store.account(RequestContext.current().accountId());
    }

    String partition() {
        return context.topology().partitionOf(RequestContext.current().region()).id();
    }

    /** {@code arn:aws:iam::<account>:<type><path><name>}. */
    String arn(String account, String type, String path, String name) {
        return Arn.of(partition(), "iam", "", account, type + path + name).toString();
    }

    /** IAM's timestamps have whole seconds. */
    Instant now() {
        return context.clock().now().truncatedTo(ChronoUnit.SECONDS);
    }

    static String pathOrRoot(String path) {
        return path == null ? "/" : path;
    }
}
