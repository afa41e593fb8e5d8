package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB stream of an event source mapping, as Lambda's pollers read it: DynamoDB Streams' public
 * DescribeStream, GetShardIterator and GetRecords, called in-process as {@code lambda.amazonaws.com} for the mapping
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html).
 */
final class StreamSource {
    /** One read: the records and where the next read starts (null once a closed shard is read to its end). */
    record Read(List<Record> records, String nextIterator) {
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    private StreamSource(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    /** The stream's client, or empty when DynamoDB Streams is not served. */
    static Optional<StreamSource> of(ServiceContext context, String streamArn, String mappingArn) {
        if (!context.clients().serves(DynamoDbStreamsClient.class)) {
            return Optional.empty();
        }
        Arn arn = Arn.parse(streamArn);
        return Optional.of(new StreamSource(context.clients().client(DynamoDbStreamsClient.class,
                Caller.service(SqsSource.PRINCIPAL, arn.accountId(), arn.region(), mappingArn)), streamArn));
    }

    /** The ID of the stream's open shard (the last one), or empty when the stream does not exist. */
    Optional<String> shard() {
        try {
            List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
            return shards.isEmpty() ? Optional.empty() : Optional.of(shards.get(shards.size() - 1).shardId());
        } catch (AwsServiceException missing) {
            return Optional.empty();
        }
    }

    /** An iterator at TRIM_HORIZON or LATEST, or just after {@code afterSequence} when it is given. */
    String iterator(String shardId, String startingPosition, String afterSequence) {
        return streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shardId);
            if (afterSequence != null) {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(afterSequence);
            } else {
                b.shardIteratorType(startingPosition);
            }
        }).shardIterator();
    }

    /** Whether the shard still holds the record {@code eventId} at {@code sequence} (a stream that restarted does not). */
    boolean holds(String shardId, String sequence, String eventId) {
        String at = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(sequence)).shardIterator();
        List<Record> records = read(at, 1).records();
        return !records.isEmpty() && records.get(0).dynamodb().sequenceNumber().equals(sequence)
                && records.get(0).eventID() != null && records.get(0).eventID().equals(eventId);
    }

    Read read(String iterator, int limit) {
        GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(iterator).limit(Math.min(1000, limit)));
        return new Read(r.records(), r.nextShardIterator());
    }
}
