package io.gureum.acm;

import io.gureum.core.events.CertificateUse;
import io.gureum.core.ids.Arn;

/**
 * The in-process seam through which other services mark a certificate used or no longer used: they publish
 * core's {@link CertificateUse} on the event bus (no ACM operation, so no IAM action or request is involved,
 * as when an AWS service associates a certificate). The certificate's {@code InUseBy} changes under the
 * store lock and is recorded like any change; an ARN ACM does not hold is ignored.
 */
final class CertificateUses {
    private final AcmStores stores;

    CertificateUses(AcmStores stores) {
        this.stores = stores;
    }

    void on(CertificateUse use) {
        Arn arn;
        try {
            arn = Arn.parse(use.certificateArn());
        } catch (IllegalArgumentException e) {
            return;
        }
        stores.lock.writeLock().lock();
        try {
            Cert cert = stores.store(arn.accountId(), arn.region()).byArn.get(use.certificateArn());
            if (cert == null) {
                return;
            }
            boolean changed = use.inUse() ? cert.inUseBy.add(use.userArn()) : cert.inUseBy.remove(use.userArn());
            if (changed) {
                stores.changed.run();
            }
        } finally {
            stores.lock.writeLock().unlock();
        }
    }
}
