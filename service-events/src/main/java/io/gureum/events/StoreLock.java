package io.gureum.events;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;

/**
 * Each operation holds the caller's store, except PutEvents: it may put on another account's bus, whose
 * store {@link Router} holds while it matches, and two accounts putting on each other's buses must not
 * wait for each other.
 */
final class StoreLock implements OperationInterceptor {
    private final EventsStores stores;
    private final EventsRecords records;

    StoreLock(EventsStores stores, EventsRecords records) {
        this.stores = stores;
        this.records = records;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        if (call.operation().equals("PutEvents")) {
            return call.proceed();
        }
        synchronized (stores.current()) {
            return records.intercept(call);
        }
    }
}
