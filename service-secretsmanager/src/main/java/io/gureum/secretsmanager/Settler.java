package io.gureum.secretsmanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * What comes due on Gureum's clock: secrets whose recovery window ended are deleted for good, and secrets
 * whose NextRotationDate passed rotate. Run after every move of the clock ({@code POST /_gureum/clock}),
 * and every second as real time passes.
 */
final class Settler {
    private final SecretsStores stores;
    private final Rotations rotations;

    Settler(SecretsStores stores, Rotations rotations) {
        this.stores = stores;
        this.rotations = rotations;
    }

    void settleIfDue() {
        Instant now = stores.now();
        boolean[] due = {false};
        stores.all.forEach((k, store) -> store.byName.values().forEach(s -> {
            if (s.deletionDate != null && !s.deletionDate.isAfter(now) || rotationDue(s, now)) {
                due[0] = true;
            }
        }));
        if (due[0]) {
            settle();
        }
    }

    void settle() {
        Lock lock = stores.lock.writeLock();
        lock.lock();
        try {
            stores.purgeDue();
            Instant now = stores.now();
            List<Secret> rotate = new ArrayList<>();
            stores.all.forEach((k, store) -> store.byName.values().forEach(s -> {
                if (rotationDue(s, now)) {
                    rotate.add(s);
                }
            }));
            rotate.forEach(rotations::rotateOnSchedule);
            stores.changed.run();
        } finally {
            lock.unlock();
        }
    }

    private static boolean rotationDue(Secret s, Instant now) {
        return Boolean.TRUE.equals(s.rotationEnabled) && s.nextRotationDate != null && !s.nextRotationDate.isAfter(now)
                && !s.scheduledForDeletion() && !s.isReplica() && !Rotations.pendingRotation(s);
    }
}
