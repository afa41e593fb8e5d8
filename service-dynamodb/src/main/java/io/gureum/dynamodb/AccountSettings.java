package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.Endpoint;

/** What DynamoDB tells an account about itself: its capacity quotas and the regional endpoint. */
final class AccountSettings {

    /** The default quotas of an account (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest r) {
        return DescribeLimitsResponse.builder().accountMaxReadCapacityUnits(80000L).accountMaxWriteCapacityUnits(80000L)
                .tableMaxReadCapacityUnits(40000L).tableMaxWriteCapacityUnits(40000L).build();
    }

    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest r) {
        String region = RequestContext.current().region();
        return DescribeEndpointsResponse.builder().endpoints(List.of(Endpoint.builder()
                .address("dynamodb." + region + ".amazonaws.com").cachePeriodInMinutes(1440L).build())).build();
    }
}
