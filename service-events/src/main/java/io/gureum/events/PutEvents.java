package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.protocol.RequestContext;
import io.gureum.events.delivery.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternRequest;
import software.amazon.awssdk.services.eventbridge.model.TestEventPatternResponse;

/**
 * PutEvents: up to 10 entries (the model's limit) of at most 256 KB together, each judged on its own —
 * Source, DetailType and Detail are required, Detail is a JSON object, a Source beginning {@code aws.}
 * is AWS's own — and answered with an EventId or an ErrorCode and ErrorMessage in the entry's place
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). An event for a bus
 * that does not exist is accepted and dropped, as AWS does. Another account's bus takes the event only
 * when its policy allows the sender. Also TestEventPattern.
 */
final class PutEvents {
    /** 256 KB, counted as eb-putevent-size.html says. */
    static final int MAX_BYTES = 256 * 1024;

    private final EventsStores stores;
    private final Router router;
    private final Supplier<String> ids;

    PutEvents(EventsStores stores, Router router, Supplier<String> ids) {
        this.stores = stores;
        this.router = router;
        this.ids = ids;
    }

    public PutEventsResponse putEvents(PutEventsRequest request) {
        List<PutEventsRequestEntry> entries = request.entries();
        long size = entries.stream().mapToLong(PutEvents::size).sum();
        if (size > MAX_BYTES) {
            throw EventsErrors.validation("Total size of the entries in the request is over the limit.");
        }
        List<PutEventsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutEventsRequestEntry e : entries) {
            PutEventsResultEntry result = put(e);
            failed += result.errorCode() == null ? 0 : 1;
            results.add(result);
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }

    private static long size(PutEventsRequestEntry e) {
        long n = e.time() != null ? 14 : 0;
        n += bytes(e.source()) + bytes(e.detailType()) + bytes(e.detail());
        if (e.hasResources()) {
            n += e.resources().stream().mapToLong(PutEvents::bytes).sum();
        }
        return n;
    }

    private static long bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private PutEventsResultEntry put(PutEventsRequestEntry e) {
        for (String[] required : new String[][] {{"Source", e.source()}, {"DetailType", e.detailType()},
                {"Detail", e.detail()}}) {
            if (required[1] == null) {
                return failure("InvalidArgument", "Parameter " + required[0] + " is not valid. Reason: " + required[0]
                        + " is a required argument.");
            }
        }
        JsonNode detail;
        try {
            detail = Envelope.JSON.readTree(e.detail());
        } catch (Exception malformed) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return failure("MalformedDetail", "Detail is malformed.");
        }
        if (e.source().startsWith("aws.")) {
            return failure("NotAuthorizedForSourceException", "Not authorized for the source.");
        }
        EventsStores.BusRef ref = stores.ref(e.eventBusName());
        String sender = RequestContext.current().accountId();
        Bus bus = stores.get(ref.account(), ref.region()).busOrNull(ref.name());
        if (bus != null && !ref.account().equals(sender) && !BusPolicy.allowsPutEvents(bus.policy, sender, bus.arn)) {
            return failure("AccessDeniedException", "User: arn:aws:iam::" + sender + ":root is not authorized to perform:"
                    + " events:PutEvents on resource: " + bus.arn + " because no resource-based policy allows the"
                    + " events:PutEvents action");
        }
        String id = ids.get();
        Instant now = stores.now();
        if (bus != null) {
            ObjectNode event = Envelope.of(id, e.detailType(), e.source(), sender, e.time() == null ? now : e.time(),
                    ref.region(), e.hasResources() ? e.resources() : List.of(), detail);
            router.put(bus, event, now, null, null);
        }
        return PutEventsResultEntry.builder().eventId(id).build();
    }

    private static PutEventsResultEntry failure(String code, String message) {
        return PutEventsResultEntry.builder().errorCode(code).errorMessage(message).build();
    }

    /**
     * The event must be a whole event: id, account, source, time, region and detail-type (AWS answers
     * "Parameter Event is not valid." otherwise).
     */
    public TestEventPatternResponse testEventPattern(TestEventPatternRequest request) {
        var pattern = Rules.pattern(request.eventPattern());
        JsonNode event;
        try {
            event = Envelope.JSON.readTree(request.event());
        } catch (Exception e) {
            throw EventsErrors.validation("Parameter Event is not valid.");
        }
        if (event == null || !event.isObject()) {
            throw EventsErrors.validation("Parameter Event is not valid.");
        }
        for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (!event.hasNonNull(field)) {
                throw EventsErrors.validation("Parameter Event is not valid.");
            }
        }
        return TestEventPatternResponse.builder().result(pattern.matches(event)).build();
    }
}
