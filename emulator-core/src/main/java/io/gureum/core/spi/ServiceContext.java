package io.gureum.core.spi;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.targets.Targets;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;

/** What core shares with every service of one running server. */
public record ServiceContext(
        GureumConfig config,
        GureumClock clock,
        ResourceIds ids,
        ResourceRegistry registry,
        EventBus events,
        Topology topology,
        Accounts accounts,
        Targets targets,
        ServerEndpoint endpoint) {

    /** A context with its own, empty {@link Targets} and no server endpoint yet. */
    public ServiceContext(GureumConfig config, GureumClock clock, ResourceIds ids, ResourceRegistry registry,
            EventBus events, Topology topology, Accounts accounts) {
        this(config, clock, ids, registry, events, topology, accounts, new Targets(), new ServerEndpoint());
    }
}
