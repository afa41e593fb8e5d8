package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator, GetRecords over the change logs
 * DynamoDB's tables keep. Each stream has one shard; iterators encode the stream, shard and position.
 * The tables are DynamoDB's current {@link DynamoDbState}, looked up at each call (it is replaced when
 * DynamoDB is reset); each read holds the read lock of the database it reads.
 */
final class Streams {
    private final ServiceContext context;

    Streams(ServiceContext context) {
        this.context = context;
    }

    private Database database() {
        return DynamoDbState.current(context).database();
    }

    private record Located(Table table, StreamLog stream) {
    }

    private Located locate(String streamArn) {
        RuntimeException notFound = ModeledErrors.of(ResourceNotFoundException.class,
                "Requested resource not found: Stream: " + streamArn + " not found");
        Arn arn;
        try {
            arn = Arn.parse(streamArn);
        } catch (IllegalArgumentException e) {
            throw DynamoErrors.validation("Invalid StreamArn");
        }
        String[] parts = arn.resource().split("/");
        if (parts.length < 4) {
            throw notFound;
        }
        Database db = DynamoDbState.current(context).database(arn.accountId(), arn.region());
        return db.read(() -> {
            Table t = db.tables.get(parts[1]);
            if (t == null || t.stream == null || !t.stream.arn.equals(streamArn)) {
                throw notFound;
            }
            return new Located(t, t.stream);
        });
    }

    public ListStreamsResponse listStreams(ListStreamsRequest r) {
        Database db = database();
        int limit = r.limit() == null ? 100 : r.limit();
        return db.read(() -> {
            List<Stream> all = new ArrayList<>();
            for (Table t : db.tables.values()) {
                if (t.stream != null && (r.tableName() == null || r.tableName().equals(t.name))) {
                    all.add(Stream.builder().streamArn(t.stream.arn).tableName(t.name).streamLabel(t.stream.label).build());
                }
            }
            int from = 0;
            if (r.exclusiveStartStreamArn() != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).streamArn().equals(r.exclusiveStartStreamArn())) {
                        from = i + 1;
                    }
                }
            }
            List<Stream> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
            ListStreamsResponse.Builder b = ListStreamsResponse.builder().streams(new ArrayList<>(page));
            if (from + limit < all.size()) {
                b.lastEvaluatedStreamArn(page.get(page.size() - 1).streamArn());
            }
            return b.build();
        });
    }

    public DescribeStreamResponse describeStream(DescribeStreamRequest r) {
        Located l = locate(r.streamArn());
        StreamLog s = l.stream();
        SequenceNumberRange.Builder range = SequenceNumberRange.builder().startingSequenceNumber(s.firstSequence());
        if (!s.enabled && s.lastSequence() != null) {
            range.endingSequenceNumber(s.lastSequence());
        }
        StreamDescription d = StreamDescription.builder()
                .streamArn(s.arn).streamLabel(s.label).streamStatus(s.enabled ? StreamStatus.ENABLED : StreamStatus.DISABLED)
                .streamViewType(s.viewType).creationRequestDateTime(l.table().created).tableName(s.tableName)
                .keySchema(s.keySchema)
                .shards(List.of(Shard.builder().shardId(s.shardId).sequenceNumberRange(range.build()).build()))
                .build();
        return DescribeStreamResponse.builder().streamDescription(d).build();
    }

    /** A shard iterator is valid for 15 minutes on the clock after it is issued. */
    static final long ITERATOR_LIFETIME_MILLIS = 15 * 60 * 1000;

    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest r) {
        Located l = locate(r.streamArn());
        StreamLog s = l.stream();
        if (!s.shardId.equals(r.shardId())) {
            throw ModeledErrors.of(ResourceNotFoundException.class, "Requested resource not found: Shard does not exist");
        }
        s.trim(context.clock().now());
        long position = switch (r.shardIteratorTypeAsString()) {
            case "TRIM_HORIZON" -> s.trimHorizon();
            case "LATEST" -> s.nextSequence();
            case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> {
                if (r.sequenceNumber() == null) {
                    throw DynamoErrors.validation("Must provide a SequenceNumber for " + r.shardIteratorTypeAsString());
                }
                long n;
                try {
                    n = StreamLog.number(r.sequenceNumber());
                } catch (RuntimeException e) {
                    throw DynamoErrors.validation("Invalid SequenceNumber: " + r.sequenceNumber());
                }
                if (n < s.trimHorizon()) {
                    throw trimmed();
                }
                yield r.shardIteratorTypeAsString().startsWith("AT") ? n : n + 1;
            }
            default -> throw DynamoErrors.validation("Invalid ShardIteratorType: " + r.shardIteratorTypeAsString());
        };
        return GetShardIteratorResponse.builder().shardIterator(iterator(s.arn, s.shardId, position)).build();
    }

    private static TrimmedDataAccessException trimmed() {
        // Built directly: ModeledErrors looks the class up in DynamoDB's model, which lacks the Streams-only errors.
        return TrimmedDataAccessException.builder()
                .message("The operation attempted to read past the oldest stream record in a shard.").build();
    }

    /** {@code streamArn|shardId|next sequence number|issued at (epoch millis)}. */
    private String iterator(String arn, String shard, long position) {
        String raw = arn + "|" + shard + "|" + position + "|" + context.clock().now().toEpochMilli();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public GetRecordsResponse getRecords(GetRecordsRequest r) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(r.shardIterator()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DynamoErrors.validation("Invalid ShardIterator");
        }
        String[] parts = raw.split("\\|");
        if (parts.length != 4) {
            throw DynamoErrors.validation("Invalid ShardIterator");
        }
        long issued = Long.parseLong(parts[3]);
        long now = context.clock().now().toEpochMilli();
        if (now - issued > ITERATOR_LIFETIME_MILLIS) {
            throw ExpiredIteratorException.builder().message("Iterator expired. The iterator was created at time "
                    + new java.util.Date(issued) + " while right now it is " + new java.util.Date(now)
                    + " which is further in the future than the tolerated delay of " + ITERATOR_LIFETIME_MILLIS
                    + " milliseconds.").build();
        }
        Located l = locate(parts[0]);
        StreamLog s = l.stream();
        s.trim(context.clock().now());
        long position = Long.parseLong(parts[2]);
        if (position < s.trimHorizon()) {
            throw trimmed();
        }
        int limit = r.limit() == null ? 1000 : r.limit();
        List<software.amazon.awssdk.services.dynamodb.model.Record> records = s.from(position, limit);
        long next = records.isEmpty() ? position
                : StreamLog.number(records.get(records.size() - 1).dynamodb().sequenceNumber()) + 1;
        GetRecordsResponse.Builder b = GetRecordsResponse.builder().records(records);
        if (s.enabled || next < s.nextSequence()) {
            b.nextShardIterator(iterator(parts[0], parts[1], next));
        }
        return b.build();
    }
}
