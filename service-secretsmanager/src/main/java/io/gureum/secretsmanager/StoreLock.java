package io.gureum.secretsmanager;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * Wraps every operation in the module's read/write lock: reads share it, everything else is serialised.
 * Secrets whose recovery window has ended are deleted first, so no operation sees them.
 */
final class StoreLock implements OperationInterceptor {
    private static final Set<String> READS = Set.of("GetSecretValue", "BatchGetSecretValue", "DescribeSecret",
            "ListSecrets", "ListSecretVersionIds", "GetResourcePolicy", "GetRandomPassword",
            "ValidateResourcePolicy");

    private final SecretsStores stores;
    private final Settler settler;

    StoreLock(SecretsStores stores, Settler settler) {
        this.stores = stores;
        this.settler = settler;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        settler.settleIfDue();
        Lock lock = READS.contains(call.operation()) ? stores.lock.readLock() : stores.lock.writeLock();
        lock.lock();
        try {
            return call.proceed();
        } finally {
            lock.unlock();
        }
    }
}
