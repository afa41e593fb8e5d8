package io.gureum.ec2.compute;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.ec2.instances.Instance;

/**
 * Every compute operation runs holding the caller's store (account + region), after terminated
 * instances whose hour of visibility is over have left it. With {@code --data-dir}, what the operation
 * changed is recorded before the lock is released ({@link ComputeRecords}).
 */
public final class ComputeLock implements OperationInterceptor {
    private final Compute compute;

    public ComputeLock(Compute compute) {
        this.compute = compute;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        ComputeStore s = compute.store();
        synchronized (s) {
            purge(s);
            if (!compute.records.enabled()) {
                return call.proceed();
            }
            try {
                return call.proceed();
            } finally {
                compute.records.afterOperation(call.operation(), s);
            }
        }
    }

    private void purge(ComputeStore s) {
        while (!s.terminated.isEmpty()) {
            Instance first = s.terminated.peekFirst();
            if (compute.now().isBefore(first.shutdownAt.plus(Timing.TRANSITION).plus(Timing.TERMINATED_VISIBLE))) {
                return;
            }
            s.terminated.removeFirst();
            s.instances.remove(first.id);
            compute.forgetInstance(first.id);
        }
    }
}
