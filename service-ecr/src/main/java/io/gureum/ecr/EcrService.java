package io.gureum.ecr;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers Amazon ECR with core: the awsJson 1.1 API of 2015-09-21 (target prefix
 * {@code AmazonEC2ContainerRegistry_V20150921}, signing name {@code ecr}). One lock serialises the module's calls,
 * after which {@link EcrRecords} records what changed for {@code --data-dir}.
 * The Docker Registry API ({@link RegistryApi}) is answered before any operation, under {@code /v2/}.
 * Image scanning results and replication of images are not bound (core answers 501); the signing configuration
 * is kept but no image is signed (AWS Signer is not emulated);
 * pull-through cache rules and repository creation templates and account settings are configuration only (nothing is
 * pulled through).
 */
public final class EcrService implements AwsService {
    @Override
    public String name() {
        return "ecr";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.ecr.EcrClient";
    }

    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new EcrQuirks();
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Repositories.class, RepositoryPolicies.class, RepositoryTags.class, LifecyclePolicies.class,
                RegistrySettings.class, Authorization.class, Images.class, Layers.class, PullThroughCacheRules.class,
                CreationTemplates.class, AccountSettings.class, Signing.class, PullTimeExclusions.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        EcrState state = new EcrState(context);
        Images images = new Images(state);
        List<Object> providers = List.of(new Repositories(state), new RepositoryPolicies(state),
                new RepositoryTags(state), new LifecyclePolicies(state), new RegistrySettings(state),
                new Authorization(state), images, new Layers(state), new PullThroughCacheRules(state),
                new CreationTemplates(state), new AccountSettings(state), new Signing(state),
                new PullTimeExclusions(state));
        EcrRecords records = new EcrRecords(context.state(), state);
        RegistryApi registryApi = new RegistryApi(state, images, records::recordNow);
        OperationInterceptor serialised = call -> {
            state.lock.lock();
            try {
                return records.intercept(call);
            } finally {
                state.lock.unlock();
            }
        };
        // The Docker Registry API under /v2/ (RegistryApi), answered before the ECR API's codec.
        return new EcrInstance(state, records, providers, serialised, request -> LayerDownloads.serve(state, request),
                request -> RegistryApi.isRegistryPath(request.rawPath()) && request.header("X-Amz-Target") == null
                        ? registryApi.handle(request) : null,
                registryApi::close);
    }
}
