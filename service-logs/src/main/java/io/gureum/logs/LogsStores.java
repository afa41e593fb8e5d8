package io.gureum.logs;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.GureumClock;

/** The state of every account and region, the caller's share of it, and the emulated clock in milliseconds. */
final class LogsStores {
    final AccountRegionStore<LogsStore> all = new AccountRegionStore<>(LogsStore::new);
    private final GureumClock clock;
    private final io.gureum.core.state.ResourceRegistry registry;

    LogsStores(GureumClock clock, io.gureum.core.state.ResourceRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    /** Records a new group (and so its tags) in core's registry; returns it. */
    LogGroup registered(LogGroup group) {
        group.tags.attach(registry, group.account, group.region, "logs", "log-group:" + group.name,
                io.gureum.core.ids.Arn.parse(group.logGroupArn()));
        return group;
    }

    /** The store of the request's account and region. */
    LogsStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    long now() {
        return clock.now().toEpochMilli();
    }
}
