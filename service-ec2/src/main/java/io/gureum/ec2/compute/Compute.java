package io.gureum.ec2.compute;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** What the compute families share on one server: core's services, the stores and the networking client. */
public final class Compute {
    /** The principal compute acts as when it calls the networking share of the API. */
    public static final String PRINCIPAL = "ec2.amazonaws.com";

    public final ServiceContext ctx;
    /** What --data-dir keeps of the compute share (nothing is written without one). */
    public final ComputeRecords records;
    private final AccountRegionStore<ComputeStore> stores = new AccountRegionStore<>(ComputeStore::new);
    private final Map<String, RegionImages> images = new ConcurrentHashMap<>();
    private final Map<String, Ec2Client> networkClients = new ConcurrentHashMap<>();
    /** Instance ID → its store, for the metadata service (which serves outside any request's account). */
    private final Map<String, ComputeStore> instanceStores = new ConcurrentHashMap<>();

    public Compute(ServiceContext ctx) {
        this.ctx = ctx;
        this.records = new ComputeRecords(this);
    }

    /** The caller's store: the account and region of the request being served. */
    public ComputeStore store() {
        RequestContext rc = RequestContext.current();
        return stores.get(rc.accountId(), rc.region());
    }

    /** Every store made so far, with its account and region. */
    public void forEachStore(java.util.function.BiConsumer<io.gureum.core.state.AccountRegionStore.Key, ComputeStore> action) {
        stores.forEach(action);
    }

    public ComputeStore store(String account, String region) {
        return stores.get(account, region);
    }

    /** The images and snapshots of a region, every account's. */
    public RegionImages images(String region) {
        return images.computeIfAbsent(region, r -> new RegionImages(r, ctx.ids()));
    }

    /**
     * The EC2 API as compute calls it in-process (its networking share, service-vpc): as the EC2 service
     * principal in the store's account and region. Compute's store lock may be held while calling it, never
     * the reverse (service-vpc never calls compute).
     */
    public Ec2Client network(ComputeStore s) {
        return networkClients.computeIfAbsent(s.account + "/" + s.region,
                k -> ctx.clients().client(Ec2Client.class, Caller.service(PRINCIPAL, s.account, s.region, null)));
    }

    public void indexInstance(String instanceId, ComputeStore s) {
        instanceStores.put(instanceId, s);
    }

    public void forgetInstance(String instanceId) {
        instanceStores.remove(instanceId);
    }

    /** The store holding an instance, or null. */
    public ComputeStore storeOf(String instanceId) {
        return instanceStores.get(instanceId);
    }

    /** Every account's and region's store, for work outside any request (metrics). */
    public void forEachStore(java.util.function.Consumer<ComputeStore> action) {
        stores.forEach((key, store) -> action.accept(store));
    }

    public String id(String prefix) {
        return ctx.ids().next(prefix);
    }

    public Instant now() {
        return ctx.clock().now();
    }
}
