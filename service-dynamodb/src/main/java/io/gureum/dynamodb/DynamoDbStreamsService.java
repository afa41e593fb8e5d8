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

    /** Signed as {@code dynamodb}, as DynamoDB Streams is; core tells them apart by {@code X-Amz-Target}. */
    @Override
    public List<String> signingNames() {
        return List.of("dynamodb");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient";
    }

    /** Streams answers carry DynamoDB's CRC32 header too: {@link DynamoDbQuirks}. */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new DynamoDbQuirks();
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Streams.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        Streams streams = new Streams(context);
        TableResourceAccess access = new TableResourceAccess(() -> DynamoDbState.current(context));
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(streams);
            }

            /** A stream's table owner (no resource policies yet). */
            @Override
            public io.gureum.core.spi.ResourceAccess resourceAccess(String resourceArn) {
                return access.of(resourceArn);
            }
        };
    }
}
