package io.gureum.acm;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/** Wraps every operation in the module's read/write lock: reads share it, everything else is serialised and recorded. */
final class StoreLock implements OperationInterceptor {
    private static final Set<String> READS = Set.of("DescribeCertificate", "GetCertificate", "ListCertificates",
            "ListTagsForCertificate", "GetAccountConfiguration", "SearchCertificates");

    private final AcmStores stores;

    StoreLock(AcmStores stores) {
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
