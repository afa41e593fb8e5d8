package io.gureum.core.spi;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;

/**
 * What core shares with every service of one running server. {@code clients} are in-process SDK clients
 * of every served API: how services call each other; {@code shared} holds state two APIs of one module share.
 */
public record ServiceContext(
        GureumConfig config,
        GureumClock clock,
        ResourceIds ids,
        ResourceRegistry registry,
        EventBus events,
        Topology topology,
        Accounts accounts,
        ServerEndpoint endpoint,
        ServiceClients clients,
        SharedState shared) {

    /** A context with no server endpoint yet, and in-process clients that work once a server's services are registered. */
    public ServiceContext(GureumConfig config, GureumClock clock, ResourceIds ids, ResourceRegistry registry,
            EventBus events, Topology topology, Accounts accounts) {
        this(config, clock, ids, registry, events, topology, accounts, new ServerEndpoint(),
                new io.gureum.core.dispatch.InProcessClients(), new SharedState());
    }

    /**
     * Where the service records state that survives a restart ({@code --data-dir}); {@link
     * io.gureum.core.persist.StateStore#NONE} without one. See the contract on {@link io.gureum.core.persist.StateStore}.
     */
    public io.gureum.core.persist.StateStore state() {
        return shared.get(io.gureum.core.persist.StateStore.class, () -> io.gureum.core.persist.StateStore.NONE);
    }

    /**
     * The Availability Zones' states on this server, which an outage ({@code /_gureum/faults/az-outage})
     * changes: one object, shared by core's endpoint and the services that react.
     */
    public io.gureum.core.topology.AvailabilityZoneStates zoneStates() {
        return shared.get(io.gureum.core.topology.AvailabilityZoneStates.class,
                () -> new io.gureum.core.topology.AvailabilityZoneStates(topology));
    }
}
