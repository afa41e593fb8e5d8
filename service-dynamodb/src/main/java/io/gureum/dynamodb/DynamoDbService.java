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

    /** DynamoDB signs every response body with a CRC32 header: {@link DynamoDbQuirks}. */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new DynamoDbQuirks();
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(DynamoDbHandler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        DynamoDbHandler handler = new DynamoDbHandler(DynamoDbState.fresh(context));
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(handler);
            }

            @Override
            public void close() {
                handler.close();
            }
        };
    }
}
