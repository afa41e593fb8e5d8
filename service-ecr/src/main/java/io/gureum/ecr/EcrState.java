package io.gureum.ecr;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/** The registries of every account and region, and how an operation finds its registry and repository. */
final class EcrState {
    final AccountRegionStore<Registry> all = new AccountRegionStore<>(Registry::new);
    final ServiceContext context;
    /** Serialises the module's calls (EcrService's interceptor). */
    final ReentrantLock lock = new ReentrantLock();

    EcrState(ServiceContext context) {
        this.context = context;
    }

    /**
     * The registry a request names ({@code registryId}, an account ID) or, when it names none, the caller's
     * account's, in the request's region.
     */
    Registry registry(String registryId) {
        RequestContext ctx = RequestContext.current();
        return all.get(registryId != null ? registryId : ctx.accountId(), ctx.region());
    }

    /** The repository, or RepositoryNotFoundException. */
    Repository repository(String registryId, String name) {
        Registry registry = registry(registryId);
        Repository repo = registry.repositories.get(name);
        if (repo == null) {
            throw EcrErrors.repositoryNotFound(name, registry.account);
        }
        return repo;
    }

    Instant now() {
        return context.clock().now();
    }
}
