package io.gureum.events;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;

/**
 * Every account's and region's {@link EventsStore}, made on first use with its default bus; how a bus
 * parameter (a name or an ARN) names a store and bus.
 */
final class EventsStores {
    /** The registry's service name: the API's, so that a reset of {@code eventbridge} forgets its resources. */
    static final String SERVICE = "eventbridge";

    final ServiceContext context;
    private final AccountRegionStore<EventsStore> all;

    EventsStores(ServiceContext context) {
        this.context = context;
        this.all = new AccountRegionStore<>((account, region) -> {
            EventsStore s = new EventsStore(account, region);
            Bus bus = new Bus(account, region, EventsStore.DEFAULT_BUS, Instant.EPOCH);
            register(bus);
            s.buses.put(bus.name, bus);
            return s;
        });
    }

    EventsStore get(String account, String region) {
        return all.get(account, region);
    }

    /** Every account's and region's store that exists. */
    void forEach(java.util.function.Consumer<EventsStore> action) {
        all.forEach((key, store) -> action.accept(store));
    }

    /** The store of the request's account and region. */
    EventsStore current() {
        RequestContext ctx = RequestContext.current();
        return get(ctx.accountId(), ctx.region());
    }

    Instant now() {
        return context.clock().now();
    }

    void register(Bus bus) {
        bus.tags.attach(context.registry(), bus.account, bus.region, SERVICE, "event-bus/" + bus.name,
                Arn.parse(bus.arn));
    }

    void register(Rule rule) {
        rule.tags.attach(context.registry(), rule.account, rule.region, SERVICE,
                "rule/" + rule.busName + "/" + rule.name, Arn.parse(rule.arn));
    }

    /** A bus named by an {@code EventBusName} parameter: null or empty is the default bus. */
    record BusRef(String account, String region, String name) {
    }

    /** Resolves a name or {@code arn:aws:events:<region>:<account>:event-bus/<name>} against the request. */
    BusRef ref(String nameOrArn) {
        RequestContext ctx = RequestContext.current();
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return new BusRef(ctx.accountId(), ctx.region(), EventsStore.DEFAULT_BUS);
        }
        if (nameOrArn.startsWith("arn:")) {
            Arn arn;
            try {
                arn = Arn.parse(nameOrArn);
            } catch (IllegalArgumentException e) {
                throw EventsErrors.validation("Parameter EventBusName is not valid.");
            }
            if (!arn.service().equals("events") || !arn.resource().startsWith("event-bus/")) {
                throw EventsErrors.validation("Parameter EventBusName is not valid.");
            }
            return new BusRef(arn.accountId(), arn.region(), arn.resource().substring("event-bus/".length()));
        }
        return new BusRef(ctx.accountId(), ctx.region(), nameOrArn);
    }

    /** The caller's own bus named by {@code nameOrArn} (another account's bus is not found). */
    Bus ownBus(String nameOrArn) {
        BusRef ref = ref(nameOrArn);
        EventsStore s = current();
        if (!ref.account().equals(s.account) || !ref.region().equals(s.region)) {
            throw EventsErrors.busNotFound(ref.name());
        }
        return s.bus(ref.name());
    }
}
