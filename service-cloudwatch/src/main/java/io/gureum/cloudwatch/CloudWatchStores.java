package io.gureum.cloudwatch;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.GureumClock;

/** Every account's and region's state, the caller's share of it, and the emulated clock. */
public final class CloudWatchStores {
    public final AccountRegionStore<CloudWatchStore> all = new AccountRegionStore<>(CloudWatchStore::new);
    private final GureumClock clock;

    public CloudWatchStores(GureumClock clock) {
        this.clock = clock;
    }

    /** The store of the request's account and region. */
    public CloudWatchStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    public long now() {
        return clock.now().toEpochMilli();
    }
}
