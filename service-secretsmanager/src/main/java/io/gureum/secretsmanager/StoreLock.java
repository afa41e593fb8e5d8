package io.gureum.secretsmanager;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * Wraps every operation in the module's read/write lock: reads share it, everything else is serialised.
 * What comes due on the clock is settled by the {@link Settler} (on every clock move and every second), not
 * here, so an operation never scans the stores.
 */
final class StoreLock implements OperationInterceptor {
    private static final Set<String> READS = Set.of("GetSecretValue", "BatchGetSecretValue", "DescribeSecret",
            "ListSecrets", "ListSecretVersionIds", "GetResourcePolicy", "GetRandomPassword",
            "ValidateResourcePolicy");

    private final SecretsStores stores;

    StoreLock(SecretsStores stores) {
        this.stores = stores;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        boolean read = READS.contains(call.operation());
        Lock lock = read ? stores.lock.readLock() : stores.lock.writeLock();
        lock.lock();
        try {
            return call.proceed();
        } finally {
            try {
                if (!read) {
                    stores.changed.run();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
