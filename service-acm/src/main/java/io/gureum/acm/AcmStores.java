package io.gureum.acm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The state of every account and region, the caller's share of it, the lock every operation takes
 * ({@link StoreLock}), and core's clock, IDs and resource registry.
 */
final class AcmStores {
    static final String SERVICE = "acm";

    final AccountRegionStore<AcmStore> all = new AccountRegionStore<>(AcmStore::new);
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final ServiceContext context;
    /** Records what changed ({@link AcmRecords}); run holding the write lock after every change. */
    volatile Runnable changed = () -> {
    };

    AcmStores(ServiceContext context) {
        this.context = context;
    }

    AcmStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    AcmStore store(String account, String region) {
        return all.get(account, region);
    }

    Instant now() {
        return context.clock().now();
    }

    /** A new certificate's ARN: {@code certificate/} and a UUID from core's ID source. */
    Arn newArn(AcmStore store) {
        return Arn.of(SERVICE, store.region, store.account, "certificate/" + context.ids().requestId());
    }

    /**
     * The caller's certificate an ARN names: an ARN that does not parse answers InvalidArnException, one of
     * another account or region (or unknown) ResourceNotFoundException.
     */
    Cert find(String arn) {
        AcmErrors.required(arn, "certificateArn");
        AcmStore store = current();
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw AcmErrors.invalidArn(arn);
        }
        if (!parsed.service().equals(SERVICE) || !parsed.resourceType().equals("certificate")) {
            throw AcmErrors.invalidArn(arn);
        }
        Cert cert = store.byArn.get(arn);
        if (cert == null) {
            throw AcmErrors.notFound(arn);
        }
        return cert;
    }

    void add(Cert cert) {
        cert.tags.attach(context.registry(), cert.account, cert.region, SERVICE, cert.arn.resourceId(), cert.arn);
        store(cert.account, cert.region).byArn.put(cert.arn.toString(), cert);
    }

    void remove(Cert cert) {
        store(cert.account, cert.region).byArn.remove(cert.arn.toString());
        context.registry().unregister(cert.arn);
    }
}
