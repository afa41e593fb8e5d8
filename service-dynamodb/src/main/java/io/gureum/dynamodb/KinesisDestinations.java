package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Kinesis Data Streams destinations. Gureum serves no Kinesis, so no stream ARN names an existing stream:
 * enabling or updating a destination answers ResourceNotFoundException for the stream, as DynamoDB does for
 * a stream that does not exist, and a table therefore never has destinations to describe or disable
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds.html).
 */
final class KinesisDestinations {
    private final DynamoDbState state;
    private final Tables tables;

    KinesisDestinations(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(
            DescribeKinesisStreamingDestinationRequest r) {
        Table t = tables.require(state.database(), r.tableName());
        return DescribeKinesisStreamingDestinationResponse.builder().tableName(t.name)
                .kinesisDataStreamDestinations(List.of()).build();
    }

    public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(
            EnableKinesisStreamingDestinationRequest r) {
        tables.require(state.database(), r.tableName());
        throw streamNotFound(r.streamArn());
    }

    public UpdateKinesisStreamingDestinationResponse updateKinesisStreamingDestination(
            UpdateKinesisStreamingDestinationRequest r) {
        tables.require(state.database(), r.tableName());
        throw streamNotFound(r.streamArn());
    }

    public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(
            DisableKinesisStreamingDestinationRequest r) {
        tables.require(state.database(), r.tableName());
        throw streamNotFound(r.streamArn());
    }

    private static ResourceNotFoundException streamNotFound(String arn) {
        return ModeledErrors.of(ResourceNotFoundException.class, "Requested resource not found: Stream: " + arn
                + " not found");
    }
}
