package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ConflictException;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateDeliveryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateDeliveryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryDestinationPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryDestinationPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryDestinationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryDestinationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliveryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliverySourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDeliverySourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.Delivery;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestinationConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliverySource;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliveriesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliveriesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliveryDestinationsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliveryDestinationsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliverySourcesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDeliverySourcesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryDestinationPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryDestinationPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryDestinationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryDestinationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliveryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliverySourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetDeliverySourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.Policy;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliveryDestinationPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliveryDestinationPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliveryDestinationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliveryDestinationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliverySourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDeliverySourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.S3DeliveryConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateDeliveryConfigurationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateDeliveryConfigurationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Log deliveries of AWS services' vended logs (AWS-logs-and-resource-policy.html), stored as configuration: delivery
 * destinations (a log group, bucket or Firehose stream, or X-Ray) and their policies; delivery sources, of which
 * Gureum can check one kind, EventBridge event buses (eb-event-bus-logs.html, log types ERROR_LOGS, INFO_LOGS,
 * TRACE_LOGS; the bus is looked up through EventBridge's in-process client); and deliveries pairing a source with a
 * destination. No log record flows: Gureum's EventBridge writes no event bus logs.
 */
final class Deliveries {
    record Destination(String name, String arn, String type, String outputFormat, String destinationResourceArn,
            TagSet tags, String policy) {
    }

    /** A delivery source: an EventBridge event bus and one of its log types. */
    record Source(String name, String arn, String resourceArn, String service, String logType,
            Map<String, String> configuration, TagSet tags) {
    }

    /** A delivery ({@code s3} is the S3 delivery configuration as SDK JSON, or null). */
    record Stored(String id, String arn, String sourceName, String destinationArn, String destinationType,
            List<String> recordFields, String fieldDelimiter, com.fasterxml.jackson.databind.JsonNode s3,
            TagSet tags) {
    }

    /** The log types of an event bus (eb-event-bus-logs.html: the log level's ERROR, INFO and TRACE records). */
    static final List<String> BUS_LOG_TYPES = List.of("ERROR_LOGS", "INFO_LOGS", "TRACE_LOGS");
    /** Who checks a source's resource, in-process. */
    static final String PRINCIPAL = "delivery.logs.amazonaws.com";

    private final LogsStores stores;
    private final ServiceClients clients;
    private final ResourceIds ids;

    Deliveries(LogsStores stores, ServiceClients clients, ResourceIds ids) {
        this.stores = stores;
        this.clients = clients;
        this.ids = ids;
    }

    /** The type follows the resource: a log group is CWL, a bucket S3, a Firehose stream FH; X-Ray has none. */
    public PutDeliveryDestinationResponse putDeliveryDestination(PutDeliveryDestinationRequest request) {
        LogsStore store = stores.current();
        String resource = request.deliveryDestinationConfiguration() == null ? null
                : request.deliveryDestinationConfiguration().destinationResourceArn();
        String type = request.deliveryDestinationTypeAsString();
        String inferred = resource == null ? null : resource.startsWith("arn:aws:logs:") ? "CWL"
                : resource.startsWith("arn:aws:s3:") ? "S3" : resource.startsWith("arn:aws:firehose:") ? "FH" : null;
        if (type == null) {
            type = resource == null ? null : inferred;
        }
        if (type == null || (resource == null && !type.equals("XRAY")) || (resource != null && !type.equals(inferred))) {
            throw ModeledErrors.of(ValidationException.class,
                    "deliveryDestinationConfiguration must name a log group, an S3 bucket or a Firehose delivery "
                            + "stream matching deliveryDestinationType; only XRAY destinations have none");
        }
        String name = request.name();
        String kind = type;
        Destination d = store.deliveryDestinations.compute(name, (k, old) -> new Destination(name,
                Arn.of("logs", store.region, store.account, "delivery-destination:" + name).toString(), kind,
                request.outputFormatAsString(), resource,
                old == null ? new TagSet(request.hasTags() ? request.tags() : Map.of()) : old.tags(),
                old == null ? null : old.policy()));
        return PutDeliveryDestinationResponse.builder().deliveryDestination(describe(d)).build();
    }

    public GetDeliveryDestinationResponse getDeliveryDestination(GetDeliveryDestinationRequest request) {
        return GetDeliveryDestinationResponse.builder().deliveryDestination(describe(find(request.name()))).build();
    }

    public DescribeDeliveryDestinationsResponse describeDeliveryDestinations(
            DescribeDeliveryDestinationsRequest request) {
        LogsStore store = stores.current();
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("deliveryDestinations", request.nextToken());
        List<DeliveryDestination> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Destination d : (after == null ? store.deliveryDestinations
                : store.deliveryDestinations.tailMap(after, false)).values()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(d));
            last = d.name();
        }
        return DescribeDeliveryDestinationsResponse.builder().deliveryDestinations(page)
                .nextToken(more ? PageTokens.encode("deliveryDestinations", last) : null).build();
    }

    /** "You can't delete a delivery destination if any current deliveries are associated with it." */
    public DeleteDeliveryDestinationResponse deleteDeliveryDestination(DeleteDeliveryDestinationRequest request) {
        LogsStore store = stores.current();
        synchronized (store.deliveryLock) {
            Destination d = find(request.name());
            if (store.deliveries.values().stream().anyMatch(x -> x.destinationArn().equals(d.arn()))) {
                throw conflict("The delivery destination " + d.name() + " has deliveries: delete them first.");
            }
            if (store.deliveryDestinations.remove(d.name()) == null) {
                throw notFound("delivery destination");
            }
        }
        return DeleteDeliveryDestinationResponse.builder().build();
    }

    public PutDeliveryDestinationPolicyResponse putDeliveryDestinationPolicy(PutDeliveryDestinationPolicyRequest request) {
        Policies.checkJson(request.deliveryDestinationPolicy());
        Destination d = find(request.deliveryDestinationName());
        stores.current().deliveryDestinations.put(d.name(), new Destination(d.name(), d.arn(), d.type(),
                d.outputFormat(), d.destinationResourceArn(), d.tags(), request.deliveryDestinationPolicy()));
        return PutDeliveryDestinationPolicyResponse.builder()
                .policy(Policy.builder().deliveryDestinationPolicy(request.deliveryDestinationPolicy()).build()).build();
    }

    /** A destination without a policy answers an empty policy. */
    public GetDeliveryDestinationPolicyResponse getDeliveryDestinationPolicy(GetDeliveryDestinationPolicyRequest request) {
        Destination d = find(request.deliveryDestinationName());
        return GetDeliveryDestinationPolicyResponse.builder()
                .policy(Policy.builder().deliveryDestinationPolicy(d.policy()).build()).build();
    }

    public DeleteDeliveryDestinationPolicyResponse deleteDeliveryDestinationPolicy(
            DeleteDeliveryDestinationPolicyRequest request) {
        Destination d = find(request.deliveryDestinationName());
        if (d.policy() == null) {
            throw notFound("delivery destination policy");
        }
        stores.current().deliveryDestinations.put(d.name(), new Destination(d.name(), d.arn(), d.type(),
                d.outputFormat(), d.destinationResourceArn(), d.tags(), null));
        return DeleteDeliveryDestinationPolicyResponse.builder().build();
    }

    // Delivery sources: event buses of EventBridge, the one AWS service Gureum serves that vends logs this way.

    public PutDeliverySourceResponse putDeliverySource(PutDeliverySourceRequest request) {
        LogsStore store = stores.current();
        Arn resource;
        try {
            resource = Arn.parse(request.resourceArn());
        } catch (RuntimeException e) {
            throw validation("Invalid resource arn: " + request.resourceArn());
        }
        if (!resource.service().equals("events") || !resource.resourceType().equals("event-bus")) {
            throw validation("The resource " + request.resourceArn() + " cannot be a delivery source: Gureum serves"
                    + " delivery sources of EventBridge event buses only.");
        }
        if (!resource.accountId().equals(store.account) || !resource.region().equals(store.region)) {
            throw validation("The resource " + request.resourceArn() + " must be in the delivery source's account"
                    + " and Region.");
        }
        if (!BUS_LOG_TYPES.contains(request.logType())) {
            throw validation("Invalid log type " + request.logType() + " for resource type event-bus. Valid log"
                    + " types: " + String.join(", ", BUS_LOG_TYPES));
        }
        String bus = resource.resourceId();
        try {
            clients.client(EventBridgeClient.class, Caller.service(PRINCIPAL, store.account, store.region,
                    request.resourceArn())).describeEventBus(b -> b.name(bus));
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            throw notFound("resource");
        }
        String name = request.name();
        synchronized (store.deliveryLock) {
            Source old = store.deliverySources.get(name);
            if (old != null && store.deliveries.values().stream().anyMatch(d -> d.sourceName().equals(name))
                    && (!old.resourceArn().equals(request.resourceArn()) || !old.logType().equals(request.logType()))) {
                throw conflict("The delivery source " + name + " has deliveries: its resource and log type cannot"
                        + " change.");
            }
            Source s = new Source(name, Arn.of("logs", store.region, store.account, "delivery-source:" + name)
                    .toString(), request.resourceArn(), "events", request.logType(),
                    request.hasDeliverySourceConfiguration() ? new java.util.TreeMap<>(
                            request.deliverySourceConfiguration()) : Map.of(),
                    old == null ? new TagSet(request.hasTags() ? request.tags() : Map.of()) : old.tags());
            store.deliverySources.put(name, s);
            return PutDeliverySourceResponse.builder().deliverySource(describe(s)).build();
        }
    }

    public GetDeliverySourceResponse getDeliverySource(GetDeliverySourceRequest request) {
        return GetDeliverySourceResponse.builder().deliverySource(describe(source(stores.current(), request.name())))
                .build();
    }

    public DescribeDeliverySourcesResponse describeDeliverySources(DescribeDeliverySourcesRequest request) {
        LogsStore store = stores.current();
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("deliverySources", request.nextToken());
        List<DeliverySource> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Source s : (after == null ? store.deliverySources : store.deliverySources.tailMap(after, false))
                .values()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(s));
            last = s.name();
        }
        return DescribeDeliverySourcesResponse.builder().deliverySources(page)
                .nextToken(more ? PageTokens.encode("deliverySources", last) : null).build();
    }

    /** "You can't delete a delivery source if any current deliveries are associated with it." */
    public DeleteDeliverySourceResponse deleteDeliverySource(DeleteDeliverySourceRequest request) {
        LogsStore store = stores.current();
        synchronized (store.deliveryLock) {
            source(store, request.name());
            if (store.deliveries.values().stream().anyMatch(d -> d.sourceName().equals(request.name()))) {
                throw conflict("The delivery source " + request.name() + " has deliveries: delete them first.");
            }
            store.deliverySources.remove(request.name());
        }
        return DeleteDeliverySourceResponse.builder().build();
    }

    // Deliveries: a source paired with a destination. Nothing is delivered (see the class comment).

    public CreateDeliveryResponse createDelivery(CreateDeliveryRequest request) {
        LogsStore store = stores.current();
        synchronized (store.deliveryLock) {
            Source source = source(store, request.deliverySourceName());
            Destination destination = destinationByArn(request.deliveryDestinationArn());
            if (destination.type().equals("XRAY")) {
                throw validation("The delivery destination type XRAY is only for traces; log type "
                        + source.logType() + " cannot be delivered to it.");
            }
            if (request.s3DeliveryConfiguration() != null && !destination.type().equals("S3")) {
                throw validation("s3DeliveryConfiguration is only valid for a delivery destination of type S3.");
            }
            for (Stored d : store.deliveries.values()) {
                if (d.sourceName().equals(source.name()) && d.destinationArn().equals(destination.arn())) {
                    throw conflict("A delivery between the delivery source " + source.name() + " and the delivery"
                            + " destination " + destination.arn() + " already exists.");
                }
            }
            String id = ids.hex(16);
            Stored d = new Stored(id, Arn.of("logs", store.region, store.account, "delivery:" + id).toString(),
                    source.name(), destination.arn(), destination.type(),
                    request.hasRecordFields() ? List.copyOf(request.recordFields()) : List.of(),
                    request.fieldDelimiter(), s3(request.s3DeliveryConfiguration()),
                    new TagSet(request.hasTags() ? request.tags() : Map.of()));
            store.deliveries.put(id, d);
            return CreateDeliveryResponse.builder().delivery(describe(d)).build();
        }
    }

    public GetDeliveryResponse getDelivery(GetDeliveryRequest request) {
        return GetDeliveryResponse.builder().delivery(describe(delivery(stores.current(), request.id()))).build();
    }

    public DescribeDeliveriesResponse describeDeliveries(DescribeDeliveriesRequest request) {
        LogsStore store = stores.current();
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("deliveries", request.nextToken());
        List<Delivery> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Stored d : (after == null ? store.deliveries : store.deliveries.tailMap(after, false)).values()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(d));
            last = d.id();
        }
        return DescribeDeliveriesResponse.builder().deliveries(page)
                .nextToken(more ? PageTokens.encode("deliveries", last) : null).build();
    }

    public DeleteDeliveryResponse deleteDelivery(DeleteDeliveryRequest request) {
        LogsStore store = stores.current();
        synchronized (store.deliveryLock) {
            delivery(store, request.id());
            store.deliveries.remove(request.id());
        }
        return DeleteDeliveryResponse.builder().build();
    }

    public UpdateDeliveryConfigurationResponse updateDeliveryConfiguration(UpdateDeliveryConfigurationRequest request) {
        LogsStore store = stores.current();
        synchronized (store.deliveryLock) {
            Stored d = delivery(store, request.id());
            if (request.s3DeliveryConfiguration() != null && !d.destinationType().equals("S3")) {
                throw validation("s3DeliveryConfiguration is only valid for a delivery destination of type S3.");
            }
            store.deliveries.put(d.id(), new Stored(d.id(), d.arn(), d.sourceName(), d.destinationArn(),
                    d.destinationType(), request.hasRecordFields() ? List.copyOf(request.recordFields())
                            : d.recordFields(),
                    request.fieldDelimiter() != null ? request.fieldDelimiter() : d.fieldDelimiter(),
                    request.s3DeliveryConfiguration() != null ? s3(request.s3DeliveryConfiguration()) : d.s3(),
                    d.tags()));
        }
        return UpdateDeliveryConfigurationResponse.builder().build();
    }

    private static Source source(LogsStore store, String name) {
        Source s = store.deliverySources.get(name);
        if (s == null) {
            throw notFound("delivery source");
        }
        return s;
    }

    private static Stored delivery(LogsStore store, String id) {
        Stored d = store.deliveries.get(id);
        if (d == null) {
            throw notFound("delivery");
        }
        return d;
    }

    /** The destination an ARN names, in its own account and Region. */
    private Destination destinationByArn(String arn) {
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (RuntimeException e) {
            throw notFound("delivery destination");
        }
        Destination d = parsed.resourceType().equals("delivery-destination")
                ? stores.all.get(parsed.accountId(), parsed.region()).deliveryDestinations.get(parsed.resourceId())
                : null;
        if (d == null || !d.arn().equals(arn)) {
            throw notFound("delivery destination");
        }
        return d;
    }

    private static com.fasterxml.jackson.databind.JsonNode s3(S3DeliveryConfiguration c) {
        return c == null ? null : io.gureum.core.persist.SdkJson.toJson(c);
    }

    private static DeliverySource describe(Source s) {
        return DeliverySource.builder().name(s.name()).arn(s.arn()).resourceArns(s.resourceArn()).service(s.service())
                .logType(s.logType()).deliverySourceConfiguration(s.configuration().isEmpty() ? null
                        : s.configuration())
                .tags(s.tags().get()).build();
    }

    private static Delivery describe(Stored d) {
        return Delivery.builder().id(d.id()).arn(d.arn()).deliverySourceName(d.sourceName())
                .deliveryDestinationArn(d.destinationArn()).deliveryDestinationType(d.destinationType())
                .recordFields(d.recordFields()).fieldDelimiter(d.fieldDelimiter())
                .s3DeliveryConfiguration(d.s3() == null ? null : io.gureum.core.persist.SdkJson.fromJson(d.s3(),
                        S3DeliveryConfiguration.class))
                .tags(d.tags().get()).build();
    }

    private static ValidationException validation(String message) {
        return ModeledErrors.of(ValidationException.class, message);
    }

    private static ConflictException conflict(String message) {
        return ModeledErrors.of(ConflictException.class, message);
    }

    private Destination find(String name) {
        Destination d = stores.current().deliveryDestinations.get(name);
        if (d == null) {
            throw notFound("delivery destination");
        }
        return d;
    }

    private static ResourceNotFoundException notFound(String what) {
        return LogsErrors.notFound("The specified " + what + " does not exist.");
    }

    private static DeliveryDestination describe(Destination d) {
        return DeliveryDestination.builder().name(d.name()).arn(d.arn()).deliveryDestinationType(d.type())
                .outputFormat(d.outputFormat())
                .deliveryDestinationConfiguration(d.destinationResourceArn() == null ? null
                        : DeliveryDestinationConfiguration.builder().destinationResourceArn(d.destinationResourceArn())
                                .build())
                .tags(d.tags().get()).build();
    }
}
