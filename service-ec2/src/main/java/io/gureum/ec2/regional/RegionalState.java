package io.gureum.ec2.regional;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.function.BiFunction;

/**
 * One family's state per account and region. Callers hold the returned store's monitor for the length
 * of an operation (the stores are not thread-safe on their own).
 */
public final class RegionalState<S> {
    private final AccountRegionStore<S> stores;

    public RegionalState(BiFunction<String, String, S> factory) {
        this.stores = new AccountRegionStore<>(factory);
    }

    /** The store of an account and region (records of --data-dir are written and restored place by place). */
    public S of(String account, String region) {
        return stores.get(account, region);
    }

    /** The store of the request being served: its account and region. */
    public S current() {
        RequestContext ctx = RequestContext.current();
        return stores.get(ctx.accountId(), ctx.region());
    }
}
