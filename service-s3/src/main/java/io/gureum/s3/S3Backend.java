package io.gureum.s3;

import io.gureum.core.spi.ServiceContext;
import io.gureum.s3.store.S3Store;

/** The behaviour classes of one S3 instance, wired together over one store. */
public final class S3Backend implements AutoCloseable {
    public final ServiceContext context;
    public final S3Store store;
    public final Buckets buckets;
    public final Notifications notifications;
    public final Objects objects;
    public final Multipart multipart;
    public final Lifecycle lifecycle;
    final KmsEncryption kms;
    final S3Records records;

    public S3Backend(ServiceContext context) {
        this.context = context;
        this.store = new S3Store(context.config().dataDir(), context.state().enabled());
        this.records = new S3Records(context);
        this.buckets = new Buckets(store, context.clock(), context.registry());
        buckets.aliases(name -> {
            io.gureum.core.protocol.RequestContext request = io.gureum.core.protocol.RequestContext.currentOrNull();
            return io.gureum.s3.control.ControlState.current(context).bucketFor(name,
                    request == null ? null : request.region());
        });
        this.notifications = new Notifications(context.clock(), new Destinations(context.clients()),
                new EventBridgeEvents(context.events(), context.clock()));
        this.objects = new Objects(store, context.clock(), context.ids(), notifications);
        this.multipart = new Multipart(store, objects, context.ids(), notifications);
        this.kms = new KmsEncryption(context.clients());
        this.lifecycle = new Lifecycle(store, objects, context.clock(), notifications, records);
        Replication replication = new Replication(store, objects, records);
        notifications.onCreated(replication::created);
    }

    @Override
    public void close() {
        lifecycle.close();
        store.close();
    }
}
