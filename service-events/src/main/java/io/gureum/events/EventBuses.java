package io.gureum.events;

import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.UpdateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateEventBusResponse;

/**
 * Event buses. The {@code default} bus of each account and region always exists and cannot be
 * deleted; custom buses are created by name (partner event sources are not emulated).
 */
final class EventBuses {
    private final EventsStores stores;

    EventBuses(EventsStores stores) {
        this.stores = stores;
    }

    public CreateEventBusResponse createEventBus(CreateEventBusRequest request) {
        EventsStore s = stores.current();
        String name = request.name();
        if (request.eventSourceName() != null) {
            throw EventsErrors.notFound("Event source " + request.eventSourceName() + " does not exist.");
        }
        if (name.contains("/")) {
            throw EventsErrors.validation("Event bus name must not contain '/'.");
        }
        if (name.startsWith("aws.")) {
            throw EventsErrors.validation("Event bus name must not start with 'aws.'.");
        }
        if (s.buses.containsKey(name)) {
            throw EventsErrors.alreadyExists("Event bus " + name + " already exists.");
        }
        Bus bus = new Bus(s.account, s.region, name, stores.now());
        bus.description = request.description();
        bus.kmsKeyIdentifier = request.kmsKeyIdentifier();
        bus.deadLetterConfig = request.deadLetterConfig();
        if (request.hasTags()) {
            request.tags().forEach(t -> bus.tags.put(t.key(), t.value()));
        }
        stores.register(bus);
        s.buses.put(name, bus);
        return CreateEventBusResponse.builder().eventBusArn(bus.arn).description(bus.description)
                .kmsKeyIdentifier(bus.kmsKeyIdentifier).deadLetterConfig(bus.deadLetterConfig).build();
    }

    public DescribeEventBusResponse describeEventBus(DescribeEventBusRequest request) {
        Bus b = stores.ownBus(request.name());
        return DescribeEventBusResponse.builder().name(b.name).arn(b.arn).description(b.description)
                .kmsKeyIdentifier(b.kmsKeyIdentifier).deadLetterConfig(b.deadLetterConfig).policy(b.policy)
                .creationTime(b.isDefault() ? null : b.creationTime)
                .lastModifiedTime(b.isDefault() ? null : b.lastModifiedTime).build();
    }

    public ListEventBusesResponse listEventBuses(ListEventBusesRequest request) {
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Bus> matching = stores.current().buses.values().stream().filter(b -> b.name.startsWith(prefix)).toList();
        Pages.Page<Bus> page = Pages.of("buses", matching, b -> b.name, request.nextToken(), request.limit());
        return ListEventBusesResponse.builder().eventBuses(page.items().stream().map(EventBuses::summary).toList())
                .nextToken(page.nextToken()).build();
    }

    private static EventBus summary(Bus b) {
        return EventBus.builder().name(b.name).arn(b.arn).description(b.description).policy(b.policy)
                .creationTime(b.isDefault() ? null : b.creationTime)
                .lastModifiedTime(b.isDefault() ? null : b.lastModifiedTime).build();
    }

    /** Deleting a bus that does not exist succeeds; the default bus cannot be deleted. */
    public DeleteEventBusResponse deleteEventBus(DeleteEventBusRequest request) {
        EventsStore s = stores.current();
        if (request.name().equals(EventsStore.DEFAULT_BUS)) {
            throw EventsErrors.validation("Cannot delete event bus default.");
        }
        Bus bus = s.buses.remove(request.name());
        if (bus != null) {
            for (Rule r : bus.rules.values()) {
                r.deleted = true;
                r.tags.detach();
            }
            bus.tags.detach();
        }
        return DeleteEventBusResponse.builder().build();
    }

    public UpdateEventBusResponse updateEventBus(UpdateEventBusRequest request) {
        Bus b = stores.ownBus(request.name());
        if (request.description() != null) {
            b.description = request.description();
        }
        if (request.kmsKeyIdentifier() != null) {
            b.kmsKeyIdentifier = request.kmsKeyIdentifier().isEmpty() ? null : request.kmsKeyIdentifier();
        }
        if (request.deadLetterConfig() != null) {
            b.deadLetterConfig = request.deadLetterConfig();
        }
        b.lastModifiedTime = stores.now();
        return UpdateEventBusResponse.builder().arn(b.arn).name(b.name).description(b.description)
                .kmsKeyIdentifier(b.kmsKeyIdentifier).deadLetterConfig(b.deadLetterConfig).build();
    }

    static List<Tag> tags(java.util.Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
