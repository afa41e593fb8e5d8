package io.gureum.cloudformation;

import io.gureum.core.protocol.RequestContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The accounts and Regions whose kept records changed since they were last written (StackRecords.Kept). */
final class ChangedPlaces {
    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    /** The current request's account and Region changed. */
    void touched() {
        RequestContext rc = RequestContext.current();
        changed.add(rc.accountId() + "/" + rc.region());
    }

    /** Whether the place changed since last asked. */
    boolean take(String account, String region) {
        return changed.remove(account + "/" + region);
    }
}
