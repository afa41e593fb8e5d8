package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The parameters of every account and region, the caller's share of them, and what recording a
 * parameter involves (its ARN, its record in core's registry).
 */
final class SsmState {
    final AccountRegionStore<ParameterStore> all = new AccountRegionStore<>(ParameterStore::new);
    final ServiceContext context;
    /** Maintenance windows and patch baselines of every account and region. */
    final AccountRegionStore<MaintenanceStore> maintenance = new AccountRegionStore<>(MaintenanceStore::new);
    /** Serialises the module's calls (SsmService's interceptor), but not their calls to KMS and EC2. */
    final ReentrantLock lock = new ReentrantLock();

    SsmState(ServiceContext context) {
        this.context = context;
    }

    /**
     * Runs {@code call} (an in-process call to KMS or EC2) without this thread's hold on the module's lock,
     * so a slow dependency never stalls other SSM calls; the caller re-checks what may have changed.
     */
    <T> T unlocked(Supplier<T> call) {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        try {
            return call.get();
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
        }
    }

    /** The store of the request's account and region. */
    ParameterStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    Instant now() {
        return context.clock().now();
    }

    /**
     * {@code arn:aws:ssm:<region>:<account>:parameter/<name>}: a hierarchical name's leading slash is not
     * doubled, so {@code /a/b} and {@code a/b} would share an ARN (AWS refuses the second name anyway).
     */
    static Arn arn(String region, String account, String name) {
        return Arn.of("ssm", region, account, "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** A new parameter, recorded in core's registry (type {@code parameter}) with its tags. */
    StoredParameter create(ParameterStore store, String name, java.util.Map<String, String> tags) {
        StoredParameter p = new StoredParameter(name, arn(store.region, store.account, name));
        p.tags.putAll(tags);
        p.tags.attach(context.registry(), store.account, store.region, "ssm", name, p.arn);
        store.parameters.put(name, p);
        return p;
    }

    /** Deletes a parameter with all its versions, labels and tags. */
    void delete(ParameterStore store, StoredParameter p) {
        store.parameters.remove(p.name);
        p.tags.detach();
    }

    /** Who is changing a parameter ({@code LastModifiedUser}): the in-process principal, else the account's root. */
    static String user() {
        RequestContext ctx = RequestContext.current();
        return ctx.principal() != null ? ctx.principal() : Arn.of("iam", "", ctx.accountId(), "root").toString();
    }
}
