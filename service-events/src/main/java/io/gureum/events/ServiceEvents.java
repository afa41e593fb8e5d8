package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.events.ServiceEvent;
import io.gureum.events.delivery.Envelope;
import java.util.function.Supplier;

/**
 * Puts the events AWS services publish on core's bus ({@link ServiceEvent}: S3's "Object Created", EC2's
 * "EC2 Instance State-change Notification" …) on the default bus of their account and region, with a new
 * event ID (ADR 0012).
 */
final class ServiceEvents {
    private final EventsStores stores;
    private final Router router;
    private final Supplier<String> ids;

    ServiceEvents(EventsStores stores, Router router, Supplier<String> ids) {
        this.stores = stores;
        this.router = router;
        this.ids = ids;
    }

    void accept(ServiceEvent e) {
        JsonNode detail;
        try {
            detail = Envelope.JSON.readTree(e.detailJson());
        } catch (Exception malformed) {
            throw new IllegalArgumentException("Service event detail is not JSON: " + e, malformed);
        }
        Bus bus = stores.get(e.account(), e.region()).bus(EventsStore.DEFAULT_BUS);
        router.put(bus, Envelope.of(ids.get(), e.detailType(), e.source(), e.account(), e.time(), e.region(),
                e.resources(), detail), stores.now(), null, null);
    }
}
