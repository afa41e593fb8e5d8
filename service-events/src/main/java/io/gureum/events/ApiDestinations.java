package io.gureum.events;

import io.gureum.core.ids.Arn;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.CreateApiDestinationRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateApiDestinationResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteApiDestinationRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteApiDestinationResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeApiDestinationRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeApiDestinationResponse;
import software.amazon.awssdk.services.eventbridge.model.ListApiDestinationsRequest;
import software.amazon.awssdk.services.eventbridge.model.ListApiDestinationsResponse;
import software.amazon.awssdk.services.eventbridge.model.UpdateApiDestinationRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateApiDestinationResponse;

/**
 * API destinations (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html): an HTTPS
 * endpoint ({@code *} in its path replaced by the target's PathParameterValues), a method, a connection of the
 * same account and Region, and an invocation rate limit (300 per second when not given; stored, not enforced).
 */
final class ApiDestinations {
    static final int DEFAULT_RATE = 300;

    private final EventsStores stores;

    ApiDestinations(EventsStores stores) {
        this.stores = stores;
    }

    static ApiDestination destination(EventsStore s, String name) {
        ApiDestination d = s.apiDestinations.get(name);
        if (d == null) {
            throw EventsErrors.notFound("Failed to describe the api-destination(s). An api-destination '" + name
                    + "' does not exist.");
        }
        return d;
    }

    public CreateApiDestinationResponse createApiDestination(CreateApiDestinationRequest request) {
        EventsStore s = stores.current();
        if (s.apiDestinations.containsKey(request.name())) {
            throw EventsErrors.alreadyExists("An api-destination '" + request.name() + "' already exists.");
        }
        checkEndpoint(request.invocationEndpoint());
        checkConnection(s, request.connectionArn());
        ApiDestination d = new ApiDestination(request.name(), "arn:aws:events:" + s.region + ":" + s.account
                + ":api-destination/" + request.name() + "/" + stores.context.ids().requestId(), stores.now());
        d.description = request.description();
        d.connectionArn = request.connectionArn();
        d.invocationEndpoint = request.invocationEndpoint();
        d.httpMethod = request.httpMethodAsString();
        d.invocationRateLimitPerSecond = request.invocationRateLimitPerSecond() == null ? DEFAULT_RATE
                : request.invocationRateLimitPerSecond();
        s.apiDestinations.put(d.name, d);
        return CreateApiDestinationResponse.builder().apiDestinationArn(d.arn).apiDestinationState(d.state)
                .creationTime(d.creationTime).lastModifiedTime(d.lastModifiedTime).build();
    }

    public DescribeApiDestinationResponse describeApiDestination(DescribeApiDestinationRequest request) {
        ApiDestination d = destination(stores.current(), request.name());
        return DescribeApiDestinationResponse.builder().apiDestinationArn(d.arn).name(d.name)
                .description(d.description).apiDestinationState(d.state).connectionArn(d.connectionArn)
                .invocationEndpoint(d.invocationEndpoint).httpMethod(d.httpMethod)
                .invocationRateLimitPerSecond(d.invocationRateLimitPerSecond).creationTime(d.creationTime)
                .lastModifiedTime(d.lastModifiedTime).build();
    }

    public ListApiDestinationsResponse listApiDestinations(ListApiDestinationsRequest request) {
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<ApiDestination> matching = stores.current().apiDestinations.values().stream()
                .filter(d -> d.name.startsWith(prefix))
                .filter(d -> request.connectionArn() == null || d.connectionArn.equals(request.connectionArn()))
                .toList();
        Pages.Page<ApiDestination> page = Pages.of("api-destinations", matching, d -> d.name, request.nextToken(),
                request.limit());
        return ListApiDestinationsResponse.builder().apiDestinations(page.items().stream()
                .map(d -> software.amazon.awssdk.services.eventbridge.model.ApiDestination.builder()
                        .apiDestinationArn(d.arn).name(d.name).apiDestinationState(d.state)
                        .connectionArn(d.connectionArn).invocationEndpoint(d.invocationEndpoint)
                        .httpMethod(d.httpMethod).invocationRateLimitPerSecond(d.invocationRateLimitPerSecond)
                        .creationTime(d.creationTime).lastModifiedTime(d.lastModifiedTime).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public UpdateApiDestinationResponse updateApiDestination(UpdateApiDestinationRequest request) {
        EventsStore s = stores.current();
        ApiDestination d = destination(s, request.name());
        if (request.invocationEndpoint() != null) {
            checkEndpoint(request.invocationEndpoint());
        }
        if (request.connectionArn() != null) {
            checkConnection(s, request.connectionArn());
            d.connectionArn = request.connectionArn();
        }
        if (request.invocationEndpoint() != null) {
            d.invocationEndpoint = request.invocationEndpoint();
        }
        if (request.description() != null) {
            d.description = request.description();
        }
        if (request.httpMethod() != null) {
            d.httpMethod = request.httpMethodAsString();
        }
        if (request.invocationRateLimitPerSecond() != null) {
            d.invocationRateLimitPerSecond = request.invocationRateLimitPerSecond();
        }
        d.lastModifiedTime = stores.now();
        return UpdateApiDestinationResponse.builder().apiDestinationArn(d.arn).apiDestinationState(d.state)
                .creationTime(d.creationTime).lastModifiedTime(d.lastModifiedTime).build();
    }

    public DeleteApiDestinationResponse deleteApiDestination(DeleteApiDestinationRequest request) {
        EventsStore s = stores.current();
        destination(s, request.name());
        s.apiDestinations.remove(request.name());
        return DeleteApiDestinationResponse.builder().build();
    }

    /** "The URL must use HTTPS." (eb-api-destination-create.html). */
    private static void checkEndpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw EventsErrors.validation("Parameter InvocationEndpoint is not valid. Reason: The URL must use HTTPS.");
        }
    }

    /** The connection must be the caller's, in this Region. */
    private static void checkConnection(EventsStore s, String connectionArn) {
        Arn arn = Arn.parse(connectionArn);
        String[] parts = arn.resource().split("/");
        Connection c = parts.length == 3 && arn.accountId().equals(s.account) && arn.region().equals(s.region)
                ? s.connections.get(parts[1]) : null;
        if (c == null || !c.arn.equals(connectionArn)) {
            throw EventsErrors.notFound("Failed to describe the connection(s). Connection '"
                    + (parts.length > 1 ? parts[1] : connectionArn) + "' does not exist.");
        }
    }
}
