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
    /** The layers' bytes. */
    final LayerStore layerStore;
    /** The API this state serves: {@code ecr}, or {@code ecr-public} ({@link EcrPublicService}). */
    final String api;

    EcrState(ServiceContext context) {
        this(context, "ecr");
    }

    EcrState(ServiceContext context, String api) {
        this.context = context;
        this.api = api;
        this.layerStore = new LayerStore(context.config().dataDir(), api);
    }

    /**
     * A new repository of this API: ECR's ARN names its region, ECR Public's none
     * ({@code arn:aws:ecr-public::<account>:repository/<name>}, the service authorization reference's format).
     */
    Repository newRepository(String name, String account, String region, Instant createdAt) {
        io.gureum.core.ids.Arn arn = io.gureum.core.ids.Arn.of(api, api.equals("ecr") ? region : "", account,
                "repository/" + name);
        return new Repository(name, account, region, arn, createdAt);
    }

    /**
     * Removes the bytes of layers a repository let go of when no repository of any registry still holds them
     * (without a data directory; with one, at the next start). Called under {@link #lock}.
     */
    void releaseLayers(java.util.Collection<Layer> released) {
        for (Layer layer : released) {
            boolean[] held = {false};
            all.forEach((place, registry) -> registry.repositories.values()
                    .forEach(repo -> held[0] |= repo.layers.containsKey(layer.digest())));
            if (!held[0]) {
                layerStore.removeUnreferenced(layer.digest());
            }
        }
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

    /**
     * A repository's owner and repository policy for the authorizer, by ARN
     * ({@code arn:aws:ecr:<region>:<account>:repository/<name>}); null for anything else or a repository that does
     * not exist. A cross-account pull or push needs the policy to allow it
     * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html).
     */
    io.gureum.core.spi.ResourceAccess resourceAccess(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals(api) || !parts[5].startsWith("repository/")) {
            return null;
        }
        // ECR Public's ARNs name no region: its registries live in us-east-1 (EcrPublicService).
        String region = parts[3].isEmpty() ? EcrPublicService.REGION : parts[3];
        lock.lock();
        try {
            Repository repo = all.get(parts[4], region).repositories.get(parts[5].substring("repository/".length()));
            return repo == null ? null : new io.gureum.core.spi.ResourceAccess(parts[4], repo.policyText);
        } finally {
            lock.unlock();
        }
    }

    Instant now() {
        return context.clock().now();
    }
}
