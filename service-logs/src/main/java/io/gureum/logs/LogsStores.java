package io.gureum.logs;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.GureumClock;

/** The state of every account and region, the caller's share of it, and the emulated clock in milliseconds. */
final class LogsStores {
    final AccountRegionStore<LogsStore> all = new AccountRegionStore<>(LogsStore::new);
    private final GureumClock clock;

    LogsStores(GureumClock clock) {
        this.clock = clock;
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
