package io.gureum.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {

    interface StorageEvent {}

    record ObjectCreated(String bucket, String key) implements StorageEvent {}

    record QueueCreated(String name) {}

    private final EventBus bus = new EventBus();

    @Test
    void deliversToSubscribersOfAssignableTypes() {
        List<Object> exact = new ArrayList<>();
        List<Object> supertype = new ArrayList<>();
        List<Object> everything = new ArrayList<>();
        List<Object> other = new ArrayList<>();
        bus.subscribe(ObjectCreated.class, exact::add);
        bus.subscribe(StorageEvent.class, supertype::add);
        bus.subscribe(Object.class, everything::add);
        bus.subscribe(QueueCreated.class, other::add);

        ObjectCreated event = new ObjectCreated("b", "k");
        bus.publish(event);

        assertEquals(List.of(event), exact);
        assertEquals(List.of(event), supertype);
        assertEquals(List.of(event), everything);
        assertEquals(List.of(), other);
    }

    @Test
    void knowsWhetherATypeHasSubscribers() {
        assertEquals(false, bus.hasSubscribers(ObjectCreated.class));
        Subscription s = bus.subscribe(StorageEvent.class, e -> { });
        assertEquals(true, bus.hasSubscribers(ObjectCreated.class));
        assertEquals(false, bus.hasSubscribers(QueueCreated.class));
        s.close();
        assertEquals(false, bus.hasSubscribers(ObjectCreated.class));
    }

    @Test
    void deliversSynchronouslyInSubscriptionOrder() {
        List<String> order = new ArrayList<>();
        bus.subscribe(QueueCreated.class, e -> order.add("first"));
        bus.subscribe(QueueCreated.class, e -> order.add("second"));
        bus.publish(new QueueCreated("q"));
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void throwingListenerDoesNotStopOthers() {
        List<QueueCreated> received = new ArrayList<>();
        bus.subscribe(QueueCreated.class, e -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe(QueueCreated.class, received::add);
        bus.publish(new QueueCreated("q"));
        assertEquals(List.of(new QueueCreated("q")), received);
    }

    @Test
    void closeUnsubscribesOnlyThatSubscription() {
        List<QueueCreated> received = new ArrayList<>();
        Subscription first = bus.subscribe(QueueCreated.class, received::add);
        bus.subscribe(QueueCreated.class, received::add);
        first.close();
        first.close();
        bus.publish(new QueueCreated("q"));
        assertEquals(1, received.size());
    }

    @Test
    void listenerMaySubscribeWhileBeingDelivered() {
        List<String> late = new ArrayList<>();
        bus.subscribe(QueueCreated.class, e -> bus.subscribe(QueueCreated.class, x -> late.add(x.name())));
        bus.publish(new QueueCreated("one"));
        assertEquals(List.of(), late);
        bus.publish(new QueueCreated("two"));
        assertEquals(List.of("two"), late);
    }
}
