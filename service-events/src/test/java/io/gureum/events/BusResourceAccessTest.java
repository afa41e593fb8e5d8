package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutPermissionRequest;
import software.amazon.awssdk.services.eventbridge.model.RemovePermissionRequest;

/** A bus's owner and policy as the authorizer reads them; another account puts events on it by ARN. */
class BusResourceAccessTest {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final ServiceInstance events = new EventsService().create(context);
    final EventBuses buses = provider(EventBuses.class);
    final Permissions permissions = provider(Permissions.class);
    final PutEvents put = provider(PutEvents.class);

    <T> T provider(Class<T> type) {
        return events.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    static RequestContext as(String account) {
        return new RequestContext("r", account, "us-east-1", "test", "events", null);
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void policyFollowsPutAndRemovePermission() throws Exception {
        String arn = as(OWNER).call(() -> buses.createEventBus(CreateEventBusRequest.builder().name("shared").build())
                .eventBusArn());
        assertEquals(OWNER, events.resourceAccess(arn).ownerAccountId());
        assertNull(events.resourceAccess(arn).policyJson());
        as(OWNER).call(() -> permissions.putPermission(PutPermissionRequest.builder().eventBusName("shared")
                .action("events:PutEvents").principal(OTHER).statementId("other").build()));
        assertTrue(events.resourceAccess(arn).policyJson().contains(OTHER));
        int failed = as(OTHER).call(() -> put.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry
                .builder().eventBusName(arn).source("app").detailType("t").detail("{}").build()).build())
                .failedEntryCount());
        assertEquals(0, failed, "another account puts on the bus by its ARN");
        as(OWNER).call(() -> permissions.removePermission(RemovePermissionRequest.builder().eventBusName("shared")
                .statementId("other").build()));
        assertNull(events.resourceAccess(arn).policyJson());
        assertEquals(OWNER, events.resourceAccess("arn:aws:events:us-east-1:" + OWNER + ":event-bus/default")
                .ownerAccountId());
        assertNull(events.resourceAccess("arn:aws:events:us-east-1:" + OWNER + ":event-bus/none"));
        assertNull(events.resourceAccess("arn:aws:events:us-east-1:" + OWNER + ":rule/r1"));
    }
}
