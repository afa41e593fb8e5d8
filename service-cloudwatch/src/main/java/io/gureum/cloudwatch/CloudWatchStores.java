package io.gureum.cloudwatch;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.GureumClock;

/** Every account's and region's state, the caller's share of it, and the emulated clock. */
public final class CloudWatchStores {
    public final AccountRegionStore<CloudWatchStore> all = new AccountRegionStore<>(this::make);
    /** Run on each new store (it gives the store's metrics their --data-dir recorder). */
    private volatile java.util.function.Consumer<CloudWatchStore> onCreate = s -> {
    };
    private final GureumClock clock;

    public CloudWatchStores(GureumClock clock) {
        this.clock = clock;
    }

    private CloudWatchStore make(String account, String region) {
        CloudWatchStore store = new CloudWatchStore(account, region);
        onCreate.accept(store);
        return store;
    }

    /** Sets what runs on each new store; call before the first store is made. */
    void onCreate(java.util.function.Consumer<CloudWatchStore> action) {
        this.onCreate = action;
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
