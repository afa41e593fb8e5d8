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

    /** Signed as {@code dynamodb}, as DynamoDB Streams is; core tells them apart by {@code X-Amz-Target}. */
    @Override
    public List<String> signingNames() {
        return List.of("dynamodb");
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
