package io.gureum.acm;

import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/** ACM on one running server: the providers over one {@link AcmStores} and the store lock. Closed on reset and shutdown. */
final class AcmInstance implements ServiceInstance {
    private final AcmStores stores;
    private final List<Object> providers;
    private final List<OperationInterceptor> interceptors;

    AcmInstance(ServiceContext context) {
        this.stores = new AcmStores(context);
        this.providers = List.of(new Imports(stores), new Certificates(stores), new CertificateTags(stores));
        this.interceptors = List.of(new StoreLock(stores));
    }

    /** The provider classes, in the order {@link #providers()} lists them. */
    static List<Class<?>> providerClasses() {
        return List.of(Imports.class, Certificates.class, CertificateTags.class);
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return interceptors;
    }

    @Override
    public void close() {
        stores.all.clear();
    }
}
