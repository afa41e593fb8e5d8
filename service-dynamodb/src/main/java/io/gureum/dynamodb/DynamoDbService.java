package io.gureum.dynamodb;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.List;

/** Registers DynamoDB with core. */
public final class DynamoDbService implements AwsService {
    @Override
    public String name() {
        return "dynamodb";
    }

    /**
     * None: DynamoDB Streams signs with the same name ({@code dynamodb}), so both services are routed by
     * their {@code X-Amz-Target} prefix (DynamoDB_20120810, DynamoDBStreams_20120810) instead.
     */
    @Override
    public List<String> signingNames() {
        return List.of();
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.dynamodb.DynamoDbClient";
    }

    @Override
    public Object createHandler(ServiceContext context) {
        return new DynamoDbHandler(DynamoDbState.fresh(context));
    }
}
