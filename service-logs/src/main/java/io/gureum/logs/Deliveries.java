package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestinationConfiguration;
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
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateDeliveryConfigurationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateDeliveryConfigurationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

/**
 * Log deliveries of AWS services' vended logs (AWS-logs-and-resource-policy.html): delivery destinations (a log
 * group, bucket or Firehose stream, or X-Ray) and their policies are stored as configuration. Delivery sources are
 * AWS resources that vend logs (CloudFront distributions, Bedrock agents, …), none of which Gureum serves, so
 * PutDeliverySource is not served (501); there are never sources, so the source reads answer none or
 * ResourceNotFoundException, and so do deliveries, which need a source.
 */
final class Deliveries {
    record Destination(String name, String arn, String type, String outputFormat, String destinationResourceArn,
            TagSet tags, String policy) {
    }

    private final LogsStores stores;

    Deliveries(LogsStores stores) {
        this.stores = stores;
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

    public DeleteDeliveryDestinationResponse deleteDeliveryDestination(DeleteDeliveryDestinationRequest request) {
        if (stores.current().deliveryDestinations.remove(find(request.name()).name()) == null) {
            throw notFound("delivery destination");
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

    // There are no delivery sources (PutDeliverySource is not served), hence no deliveries.

    public DescribeDeliverySourcesResponse describeDeliverySources(DescribeDeliverySourcesRequest request) {
        return DescribeDeliverySourcesResponse.builder().deliverySources(List.of()).build();
    }

    public GetDeliverySourceResponse getDeliverySource(GetDeliverySourceRequest request) {
        throw notFound("delivery source");
    }

    public DeleteDeliverySourceResponse deleteDeliverySource(DeleteDeliverySourceRequest request) {
        throw notFound("delivery source");
    }

    public CreateDeliveryResponse createDelivery(CreateDeliveryRequest request) {
        throw notFound("delivery source");
    }

    public DescribeDeliveriesResponse describeDeliveries(DescribeDeliveriesRequest request) {
        return DescribeDeliveriesResponse.builder().deliveries(List.of()).build();
    }

    public GetDeliveryResponse getDelivery(GetDeliveryRequest request) {
        throw notFound("delivery");
    }

    public DeleteDeliveryResponse deleteDelivery(DeleteDeliveryRequest request) {
        throw notFound("delivery");
    }

    public UpdateDeliveryConfigurationResponse updateDeliveryConfiguration(UpdateDeliveryConfigurationRequest request) {
        throw notFound("delivery");
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
