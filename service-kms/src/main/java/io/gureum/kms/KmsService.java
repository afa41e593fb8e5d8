package io.gureum.kms;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers AWS KMS with core: the awsJson 1.1 API of 2014-11-01 ({@code TrentService}), signing name
 * {@code kms}. One provider per family; every call holds the store lock and first settles what came due
 * on the clock (deletions, rotations).
 */
public final class KmsService implements AwsService {
    @Override
    public String name() {
        return "kms";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.kms.KmsClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Keys.class, Aliases.class, Tags.class, Cryptography.class, DataKeyPairs.class, Signing.class,
                Macs.class, KeyAgreement.class, Grants.class, KeyPolicies.class, Rotation.class, Imports.class, MultiRegion.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        KmsStores stores = new KmsStores(context.clock(), context.ids(), context.registry(), context.topology());
        NewKeys newKeys = new NewKeys(stores);
        KeyLookup lookup = new KeyLookup(stores, newKeys);
        Envelope envelope = new Envelope(stores, lookup);
        Cryptography cryptography = new Cryptography(lookup, envelope);
        List<Object> providers = List.of(new Keys(stores, lookup, newKeys), new Aliases(stores, lookup),
                new Tags(lookup), cryptography, new DataKeyPairs(lookup, cryptography), new Signing(lookup),
                new Macs(lookup), new KeyAgreement(lookup), new Grants(stores, lookup), new KeyPolicies(lookup),
                new Rotation(stores, lookup), new Imports(stores, lookup), new MultiRegion(stores, lookup));
        OperationInterceptor locked = call -> {
            stores.lock.lock();
            try {
                stores.settle();
                return call.proceed();
            } finally {
                stores.lock.unlock();
            }
        };
        Subscription clock = context.clock().onAdvance(stores::settleLocked);
        KeyResourceAccess access = new KeyResourceAccess(stores);
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<OperationInterceptor> interceptors() {
                return List.of(locked);
            }

            /** A key's owner and key policy, by key or alias ARN. */
            @Override
            public ResourceAccess resourceAccess(String resourceArn) {
                return access.of(resourceArn);
            }

            @Override
            public void close() {
                clock.close();
                stores.registry.clear(KmsStores.SERVICE);
            }
        };
    }
}
