package io.gureum.ssm;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Registers Systems Manager with core: the awsJson 1.1 API of 2014-11-06 (target prefix {@code AmazonSSM},
 * signing name {@code ssm}). Its providers bind the Parameter Store, document, State Manager association,
 * resource data sync, resource policy, maintenance window and patch baseline operations; every other SSM operation is left to core's 501. One
 * lock serialises the module's calls (a PutParameter reads, checks and writes several versions and labels
 * as one step) except while they wait for KMS, EC2 or Lambda, and expired parameters are deleted before
 * each call and when the clock moves. Maintenance window runs come due on the module's {@link DueTimer}.
 */
public final class SsmService implements AwsService {
    @Override
    public String name() {
        return "ssm";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.ssm.SsmClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Parameters.class, ParameterReads.class, ParametersByPath.class, ParameterDescriptions.class,
                Labels.class, ParameterTags.class, Documents.class, Associations.class, ResourceDataSyncs.class,
                ResourcePolicies.class, MaintenanceWindows.class, WindowRuns.class, PatchBaselines.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        SsmState state = new SsmState(context);
        SecureValues secure = new SecureValues(context.clients(), state);
        Images images = new Images(context.clients(), state);
        PublicParameters publics = new PublicParameters(context, images);
        Lookup lookup = new Lookup(state, publics);
        Views views = new Views(secure);
        Expiry expiry = new Expiry(state);
        AccountRegionStore<AssociationStore> associationStores = new AccountRegionStore<>(AssociationStore::new);
        ManagedInstances instances = new ManagedInstances(context.clients(), state);
        Associations associations = new Associations(state, associationStores, instances);
        AssociationRecords associationRecords = new AssociationRecords(context.state(), state, associationStores);
        ReentrantLock lock = state.lock;
        SsmRecords records = new SsmRecords(context.state(), state);
        MaintenanceRecords maintenanceRecords = new MaintenanceRecords(context.state(), state);
        ScheduledThreadPoolExecutor timer = ServiceThreads.timer("gureum-ssm-timer");
        ExecutorService workers = ServiceThreads.workers("gureum-ssm-worker-", 1);
        DueTimer due = new DueTimer(context.clock(), timer, workers);
        WindowRuns runs = new WindowRuns(state, due, context.clients(), maintenanceRecords::recordChanges);
        List<Object> providers = List.of(new Parameters(state, secure, images), new ParameterReads(lookup, views),
                new ParametersByPath(state, publics, views), new ParameterDescriptions(state, views), new Labels(lookup),
                new ParameterTags(lookup, state, associations), new Documents(state), associations,
                new ResourceDataSyncs(state, associationStores, instances),
                new ResourcePolicies(state, associationStores), new MaintenanceWindows(state, runs), runs,
                new PatchBaselines(state));
        OperationInterceptor serialised = call -> {
            lock.lock();
            try {
                ParameterStore store = state.current();
                int before = store.parameters.size();
                expiry.sweep(store);
                try {
                    return records.intercept(call, store.parameters.size() != before);
                } finally {
                    associationRecords.afterCall(call.operation(), associations.current(), store);
                    maintenanceRecords.recordChanges(state.maintenance.get(store.account, store.region));
                }
            } finally {
                lock.unlock();
            }
        };
        Subscription clock = context.clock().onAdvance(() -> {
            lock.lock();
            try {
                expiry.sweepAll();
                state.all.forEach((place, store) -> records.recordChanges(store));
            } finally {
                lock.unlock();
            }
        });
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<OperationInterceptor> interceptors() {
                return List.of(serialised);
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> restored) {
                records.restore(restored);
                associationRecords.restore(restored);
                maintenanceRecords.restore(restored, runs);
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                records.capture(sink);
                associationRecords.capture(sink);
                maintenanceRecords.capture(sink);
            }

            @Override
            public void close() {
                clock.close();
                due.close();
                timer.shutdownNow();
                workers.shutdownNow();
            }
        };
    }
}
