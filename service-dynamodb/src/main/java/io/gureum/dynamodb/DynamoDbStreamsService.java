package io.gureum.dynamodb;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.List;

/** Registers DynamoDB Streams (the dynamodbstreams API) with core; it reads DynamoDB's tables. */
public final class DynamoDbStreamsService implements AwsService {
    @Override
    public String name() {
        return "dynamodbstreams";
    }

    /** None: see {@link DynamoDbService#signingNames()}. */
    @Override
    public List<String> signingNames() {
        return List.of();
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient";
    }

    @Override
    public Object createHandler(ServiceContext context) {
        return new DynamoDbStreamsHandler(context);
    }
}
