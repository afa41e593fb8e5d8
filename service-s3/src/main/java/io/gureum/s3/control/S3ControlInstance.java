package io.gureum.s3.control;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/** S3 Control on one server: a fresh {@link ControlState} (S3 sees it) and the providers over it. */
final class S3ControlInstance implements ServiceInstance {
    private final ServiceContext context;
    private final ControlState state;
    private final Kept kept;
    private final List<Object> providers;

    S3ControlInstance(ServiceContext context) {
        this.context = context;
        this.state = ControlState.fresh(context);
        this.kept = new Kept(context);
        AccessGrants grants = new AccessGrants(state, kept);
        this.providers = List.of(new AccountBlocks(state), new AccessPoints(state, kept), new StorageLens(state, kept),
                grants, new AccessGrantsLocations(state, kept, grants), new DataAccess(state, kept, grants),
                new MultiRegionAccessPoints(state, kept), new ObjectLambdaAccessPoints(state));
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public void restore(List<StateRecord> records) {
        state.restore(records);
        kept.restore(records);
    }

    @Override
    public void capture(Consumer<StateRecord> sink) {
        state.capture(sink);
        kept.capture(sink);
    }

    /** On reset S3 must stop seeing this instance's blocks and aliases even before S3 Control is used again. */
    @Override
    public void close() {
        if (ControlState.current(context) == state) { // not if a newer instance (an import's) replaced it already
            context.shared().replace(ControlState.class, ControlState.empty(context));
        }
    }
}
