package io.gureum.kms;

import io.gureum.core.ids.Arn;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The KMS state of every account and region on one server, the lock every operation holds, and what
 * happens on the clock: keys past their {@code DeletionDate} are deleted, keys past their
 * {@code NextRotationDate} rotate.
 */
final class KmsStores {
    static final String SERVICE = "kms";

    final AccountRegionStore<KmsStore> all = new AccountRegionStore<>(KmsStore::new);
    final ReentrantLock lock = new ReentrantLock();
    /** The import parameters GetParametersForImport handed out, by import token (Base64 of its bytes). */
    final Map<String, Imports.Parameters> importTokens = new ConcurrentHashMap<>();
    /** Every grant token issued, to its grant's ID: a request's GrantTokens must be among them. */
    final Map<String, String> grantTokens = new ConcurrentHashMap<>();
    final GureumClock clock;
    final ResourceIds ids;
    final ResourceRegistry registry;
    final Topology topology;

    KmsStores(GureumClock clock, ResourceIds ids, ResourceRegistry registry, Topology topology) {
        this.clock = clock;
        this.ids = ids;
        this.registry = registry;
        this.topology = topology;
    }

    /** The store of the request's account and region. */
    KmsStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    /** Whether {@code region} is a region of the caller's partition. */
    boolean knownRegion(String region) {
        return topology.region(region).isPresent();
    }

    Instant now() {
        return clock.now();
    }

    static String keyArn(KmsStore store, String keyId) {
        return Arn.of(SERVICE, store.region, store.account, "key/" + keyId).toString();
    }

    static String aliasArn(KmsStore store, String aliasName) {
        return Arn.of(SERVICE, store.region, store.account, aliasName).toString();
    }

    /** Adds a new key to its store and to core's registry (with the tags it was created with). */
    void add(KmsStore store, KmsKey key) {
        key.tags.attach(registry, store.account, store.region, SERVICE, key.keyId, Arn.parse(key.arn));
        store.keys.put(key.keyId, key);
    }

    /** A primary pending replica deletion goes once its date has passed and its replicas are gone. */
    private static boolean deletionDue(KmsKey key, Instant now) {
        boolean pending = key.state.equals(KmsKey.PENDING_DELETION)
                || key.state.equals(KmsKey.PENDING_REPLICA_DELETION) && key.group.replicaRegions.isEmpty();
        return pending && key.deletionDate != null && !key.deletionDate.isAfter(now);
    }

    /** Deletes a key for good: its aliases and grants go with it; a deleted replica leaves its group. */
    void delete(KmsStore store, KmsKey key) {
        if (key.group != null && !key.isPrimary()) {
            key.group.replicaRegions.remove(key.region);
        }
        store.keys.remove(key.keyId);
        store.aliases.values().removeIf(a -> a.targetKeyId.equals(key.keyId));
        importTokens.values().removeIf(p -> p.keyId().equals(key.keyId) && p.account().equals(store.account)
                && p.region().equals(store.region));
        key.tags.detach();
    }

    /**
     * Runs what came due on the clock, in every account and region. Called with the lock held.
     *
     * @return whether a key was deleted, rotated or lost its expired material
     */
    boolean settle() {
        // Twice: a replica deleted in one region may let its primary in another go in the same settling.
        boolean changed = settleOnce();
        return settleOnce() || changed;
    }

    private boolean settleOnce() {
        Instant now = now();
        boolean[] changed = {false};
        all.forEach((place, store) -> {
            List<KmsKey> due = new ArrayList<>();
            for (KmsKey key : store.keys.values()) {
                if (deletionDue(key, now)) {
                    due.add(key);
                } else {
                    int versions = key.materials.size();
                    Rotation.rotateIfDue(key, now);
                    Imports.expireIfDue(key, now);
                    changed[0] |= key.materials.size() != versions;
                }
            }
            due.forEach(key -> delete(store, key));
            changed[0] |= !due.isEmpty();
        });
        return changed[0];
    }

    /** Settles under the lock, then runs {@code after} (recording what changed) still holding it. */
    void settleLocked(java.util.function.Consumer<Boolean> after) {
        lock.lock();
        try {
            after.accept(settle());
        } finally {
            lock.unlock();
        }
    }

    static Duration days(int n) {
        return Duration.ofDays(n);
    }
}
